"""image2vector's picker shows what it did: a thumbnail of the picture beside the heat maps,
"Resized from W×H to w×h pixels" and the limits in words; a file it cannot use changes nothing
but says why."""

from __future__ import annotations

import json
import struct
import zlib

import numpy as np
import pytest
from playwright.sync_api import expect

from pages import module_page_fixture

pytestmark = pytest.mark.e2e

app = module_page_fixture("One ready page for the picker's tests.")


def make_png(pixels) -> bytes:
    """A minimal RGB PNG written by hand (an independent source of image bytes)."""
    height, width = len(pixels), len(pixels[0])
    raw = b"".join(b"\0" + bytes(c for px in row for c in px) for row in pixels)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


@pytest.fixture
def card(app):
    card = app.locator('section[data-op="image2vector"]')
    yield card
    field = card.locator('[name="image"]')
    field.fill(field.evaluate("f => f.defaultValue"))  # the example back (and the picture forgotten)


def pick(card, path):
    card.locator('input[type="file"]').set_input_files(str(path))


def test_before_a_pick_the_limits_are_said_in_words(card):
    status = card.locator(".upload-status")
    expect(status).to_contain_text("PNG or JPEG file of at most 20 MB")
    expect(status).to_contain_text("at most 12 pixels on their longer side")
    assert card.locator('input[type="file"]').get_attribute("aria-describedby") == status.get_attribute("id")


def test_a_big_picture_is_shrunk_shown_beside_the_heat_maps_and_says_so(card, tmp_path):
    png = tmp_path / "photo.png"
    png.write_bytes(make_png([[(x * 255 // 639, y * 255 // 479, 128) for x in range(640)] for y in range(480)]))
    pick(card, png)
    expect(card.locator(".upload-status")).to_have_text(
        "Resized from 640×480 to 12×9 pixels (at most 12 on the longer side)."
    )
    expect(card.locator('output[name="result"]')).not_to_have_text("")
    value = np.array(json.loads(card.locator('output[name="result"]').get_attribute("data-value")))
    assert value.shape == (9 * 12 * 3, 1)
    thumb = card.locator("figure.plot img.upload-thumb")
    expect(thumb).to_be_visible()
    assert thumb.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [640, 480]
    assert thumb.get_attribute("alt")
    thumb_box, canvas_box = (
        card.locator(s).evaluate("e => e.getBoundingClientRect().toJSON()") for s in ("img.upload-thumb", "canvas")
    )
    assert thumb_box["right"] <= canvas_box["left"] and thumb_box["top"] < canvas_box["bottom"], "beside"


def test_a_small_picture_is_used_at_its_own_size(card, tmp_path):
    png = tmp_path / "tiny.png"
    png.write_bytes(make_png([[(255, 0, 0), (0, 255, 0)], [(0, 0, 255), (255, 255, 255)]]))
    pick(card, png)
    expect(card.locator(".upload-status")).to_have_text(
        "Used at its own size, 2×2 pixels (at most 12 on the longer side)."
    )
    expect(card.locator('output[name="result"]')).to_contain_text("[[1.]")
    value = np.array(json.loads(card.locator('output[name="result"]').get_attribute("data-value")))
    assert value.shape == (12, 1)
    np.testing.assert_array_equal(value.ravel()[:3], [1, 0, 0])


def test_a_file_that_cannot_be_used_keeps_the_previous_picture_field_and_result(card, tmp_path):
    png = tmp_path / "tiny.png"
    png.write_bytes(make_png([[(255, 0, 0), (0, 255, 0)]]))
    pick(card, png)
    expect(card.locator(".upload-status")).to_contain_text("2×1 pixels")
    before = {
        "field": card.locator('[name="image"]').input_value(),
        "result": card.locator('output[name="result"]').text_content(),
        "thumb": card.locator("img.upload-thumb").get_attribute("src"),
    }
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not really a png")
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    for path, reason in (
        (broken, '"broken.png" could not be read as an image.'),
        (notes, '"notes.txt" is not a PNG or JPEG image.'),
    ):
        pick(card, path)
        status = card.locator(".upload-status")
        expect(status).to_have_text(f"{reason} The previous input is kept.")
        expect(status).to_have_attribute("data-state", "failed")
        assert card.locator('[name="image"]').input_value() == before["field"]
        assert card.locator('output[name="result"]').text_content() == before["result"]
        assert card.locator("img.upload-thumb").get_attribute("src") == before["thumb"]
        assert card.locator('[role="alert"]').text_content() == ""
        assert card.locator('[name="image"]').get_attribute("aria-invalid") is None


def test_typing_in_the_field_forgets_the_picture(card, tmp_path):
    png = tmp_path / "tiny.png"
    png.write_bytes(make_png([[(0, 0, 0)]]))
    pick(card, png)
    expect(card.locator("img.upload-thumb")).to_be_visible()
    card.locator('[name="image"]').fill("[[[0.1, 0.2, 0.3]]]")
    expect(card.locator("img.upload-thumb")).to_have_count(0)
    expect(card.locator(".upload-status")).to_contain_text("at most 12 pixels")
