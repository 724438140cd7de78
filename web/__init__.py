"""The page's own Python, the package ``web``: the catalogue (catalogue.py), the facts shared with the
page's JavaScript (shared.py), the cards' bindings and plots (cards/), the page's words (i18n/) and
practice (practice/). shared.json's ``files`` lists what of it goes into each interpreter."""
