// /opnemen/live (R8): the closed-environment recorder. MediaRecorder chunks go to the vault as they are made; a chunk
// lives only in memory until the vault has acknowledged it. No Blob URL, no download, nothing written to the device.
"use strict";

(function () {
  const root = document.getElementById("recorder");
  if (!root) {
    return;
  }

  const api = window.VaultUploads.client(root.dataset.apiToken);
  const { retryable, sleep, kilobytes, t } = window.VaultUploads;
  const soundOnly = root.dataset.soundOnly === "true";
  const preview = document.getElementById("voorbeeld");
  const cameraButton = document.getElementById("camera");
  const recordButton = document.getElementById("opnemen");
  const stopButton = document.getElementById("stoppen");
  const status = document.getElementById("status");
  const sentOutput = document.getElementById("verzonden");
  const done = document.getElementById("klaar");
  const link = document.getElementById("naar-opname");
  const maxAttempts = 8;

  let stream = null;
  let recorder = null;
  let upload = null;
  let sent = 0;               // bytes the vault has acknowledged
  const queue = [];           // { offset, blob } not yet acknowledged
  let queued = 0;             // bytes handed to the queue (next chunk's offset)
  let sending = null;
  let failure = null;

  function say(text) {
    status.textContent = text;
  }

  function pickType() {
    const candidates = soundOnly
      ? ["audio/webm;codecs=opus", "audio/webm"]
      : ["video/webm;codecs=vp8,opus", "video/webm;codecs=vp9,opus", "video/webm"];
    return candidates.find(t => window.MediaRecorder && MediaRecorder.isTypeSupported(t)) || "";
  }

  async function openDevices() {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: soundOnly ? false : { width: { ideal: 1280 }, height: { ideal: 720 } } });
    } catch (error) {
      say(t("De camera of microfoon is niet beschikbaar: ", "The camera or microphone is not available: ") + error.message);
      return;
    }
    if (preview) {
      preview.srcObject = stream; // a live stream, not a Blob URL: nothing of the recording is kept by the browser
    }
    cameraButton.disabled = true;
    recordButton.disabled = false;
    say(t("Klaar om op te nemen.", "Ready to record."));
    recordButton.focus();
  }

  // Sends queued chunks in order; after a dropped connection it asks the vault where it is and goes on from there.
  async function drain() {
    let attempts = 0;
    while (queue.length > 0) {
      const head = queue[0];
      const from = Math.max(sent, head.offset);
      const piece = from > head.offset ? head.blob.slice(from - head.offset) : head.blob;
      try {
        sent = await api.append(upload.id, from, piece);
        attempts = 0;
        while (queue.length > 0 && queue[0].offset + queue[0].blob.size <= sent) {
          queue.shift();
        }
        sentOutput.textContent = kilobytes(sent);
        root.dataset.sent = String(sent);
      } catch (error) {
        if (!retryable(error) || ++attempts > maxAttempts) {
          throw error;
        }
        say(t("De verbinding viel weg; de opname wordt verder verzonden zodra het weer kan.", "The connection dropped; the recording will be sent on as soon as possible."));
        await sleep(Math.min(500 * 2 ** (attempts - 1), 8000));
        const state = await api.progress(upload.id).catch(() => null);
        if (state) {
          sent = state.received;
        }
      }
    }
  }

  function pump() {
    if (!sending) {
      sending = drain().catch(error => {
        failure = error;
        say(t("Het verzenden is mislukt: ", "Sending failed: ") + error.message);
      }).finally(() => {
        sending = null;
        if (queue.length > 0 && !failure) {
          pump();
        }
      });
    }
    return sending;
  }

  async function start() {
    recordButton.disabled = true;
    try {
      upload = await api.start(root.dataset.ticket, "opname.webm", null, "ClosedEnvironment");
    } catch (error) {
      say(t("De kluis neemt deze opname niet aan: ", "The vault does not accept this recording: ") + error.message);
      return;
    }
    root.dataset.upload = upload.id;
    const type = pickType();
    recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    recorder.addEventListener("dataavailable", e => {
      if (e.data && e.data.size > 0) {
        queue.push({ offset: queued, blob: e.data });
        queued += e.data.size;
        pump();
      }
    });
    recorder.start(1000); // one chunk a second, sent at once
    root.dataset.state = "recording";
    stopButton.disabled = false;
    say(t("Bezig met opnemen. De opname gaat direct naar de kluis.", "Recording. The recording goes straight to the vault."));
    stopButton.focus();
  }

  async function stop() {
    stopButton.disabled = true;
    const stopped = new Promise(resolve => recorder.addEventListener("stop", resolve, { once: true }));
    recorder.stop();
    await stopped;
    stream.getTracks().forEach(t => t.stop());
    if (preview) {
      preview.srcObject = null;
    }
    root.dataset.state = "stopped";
    say(t("Gestopt. De laatste stukjes worden verzonden…", "Stopped. The last pieces are being sent…"));
    while (queue.length > 0 && !failure) {
      await pump();
    }
    if (failure) {
      return;
    }
    say(t("Alles is ontvangen. De kluis controleert en versleutelt de opname…", "Everything has been received. The vault checks and encrypts the recording…"));
    try {
      const recording = await api.complete(upload.id);
      link.href = "/opnames/" + recording.id;
      done.hidden = false;
      root.dataset.recording = recording.id;
      say(t("De opname is opgeslagen in de kluis.", "The recording has been saved in the vault."));
      link.focus();
    } catch (error) {
      say(t("De opname is niet opgeslagen: ", "The recording was not saved: ") + error.message);
    }
  }

  if (!window.MediaRecorder || !navigator.mediaDevices) {
    cameraButton.disabled = true;
    say(t("Deze browser kan niet opnemen. Gebruik een recente versie van Chrome, Edge, Firefox of Safari.", "This browser cannot record. Use a recent version of Chrome, Edge, Firefox or Safari."));
    return;
  }

  cameraButton.addEventListener("click", openDevices);
  recordButton.addEventListener("click", start);
  stopButton.addEventListener("click", stop);
  window.addEventListener("beforeunload", e => {
    if (root.dataset.state === "recording" || queue.length > 0) {
      e.preventDefault();
    }
  });
})();
