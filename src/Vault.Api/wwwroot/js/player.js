// The recording page: jump to a comment's moment, take the player's current time for a new comment, and renew the
// short-lived playback grant when the stream refuses an expired one (a new audited session, same position).
(function () {
  "use strict";
  var video = document.getElementById("speler");
  if (!video) {
    return;
  }

  document.querySelectorAll("button.jump").forEach(function (button) {
    button.addEventListener("click", function () {
      var at = parseFloat(button.getAttribute("data-at"));
      if (!isNaN(at)) {
        video.currentTime = at;
        video.focus();
      }
    });
  });

  var at = document.getElementById("atSeconds");
  var now = document.getElementById("nu");
  function takeTime() {
    if (at) {
      at.value = (Math.round(video.currentTime * 10) / 10).toString();
    }
  }

  if (now) {
    now.addEventListener("click", takeTime);
  }

  video.addEventListener("pause", takeTime);
  video.addEventListener("seeked", takeTime);
  video.addEventListener("contextmenu", function (e) { e.preventDefault(); });

  var renewUrl = video.getAttribute("data-playback-url");
  var token = video.getAttribute("data-api-token");
  var lastRenewal = 0;
  video.addEventListener("error", function () {
    // At most one renewal per 15 seconds: a refusal that is not about the grant (access ended) must not loop.
    if (!renewUrl || Date.now() - lastRenewal < 15000) {
      return;
    }

    lastRenewal = Date.now();
    var position = video.currentTime;
    var playing = !video.paused;
    fetch(renewUrl, { method: "POST", credentials: "same-origin", headers: { "X-Vault-Antiforgery": token } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (grant) {
        if (!grant || !grant.streamUrl) {
          return;
        }

        video.src = grant.streamUrl;
        video.addEventListener("loadedmetadata", function resume() {
          video.removeEventListener("loadedmetadata", resume);
          video.currentTime = position;
          if (playing) {
            video.play();
          }
        });
      });
  });
})();
