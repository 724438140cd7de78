// Offline support: registers the service worker once the page is ready, tells the user
// when a newer version of the site has been downloaded -- in every tab that runs an older
// one, whenever it was installed -- and switches to it on the next load (never mid-session,
// so a page never mixes files of two versions).
const banner = document.getElementById("update");

function switchTo(waiting) {
  waiting.postMessage("skip-waiting"); // then "controllerchange" reloads the page
}

function offerUpdate(registration) {
  banner.hidden = false;
  banner.querySelector("button").onclick = () => registration.waiting && switchTo(registration.waiting);
}

/** Show the banner while a newer version waits (installed, fully cached) and an older one
 * controls this page: one installed before this page looked, or while it runs. */
function watch(registration) {
  const offerIfWaiting = () => {
    if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration);
  };
  const follow = (worker) => worker?.addEventListener("statechange", offerIfWaiting);
  registration.addEventListener("updatefound", () => follow(registration.installing));
  follow(registration.installing);
  offerIfWaiting();
}

if ("serviceWorker" in navigator && location.protocol !== "file:") {
  // Started under a service worker: a change of controller means a new version took over
  // (asked for here, or in another tab). Reload into it rather than run on with a mix of
  // old and new files; inputs live in the URL and practice code in storage, so none is lost.
  const startedControlled = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (startedControlled) location.reload();
  });
  // The next load after an update was downloaded: use the new version straight away.
  navigator.serviceWorker.getRegistration().then((registration) => {
    if (registration?.waiting && navigator.serviceWorker.controller) switchTo(registration.waiting);
  });
  const start = () => navigator.serviceWorker.register("./sw.js").then(watch)
    .catch((error) => console.warn("offline support unavailable:", error));
  if (document.documentElement.classList.contains("ready")) start();
  else document.addEventListener("nn:ready", start, { once: true });
}
