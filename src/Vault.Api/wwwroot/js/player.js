// The recording page: jump to a comment's moment, and take the player's current time for a new comment.
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
})();
