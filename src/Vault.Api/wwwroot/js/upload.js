// /opnemen/uploaden: a file in resumable pieces with a progress bar. A dropped connection is retried from the offset the
// vault reports; a reload resumes the same upload when the same file is chosen again (sessionStorage holds only the id).
"use strict";

(function () {
  const form = document.getElementById("uploader");
  if (!form) {
    return;
  }

  const api = window.VaultUploads.client(form.dataset.apiToken);
  const { retryable, sleep, kilobytes, t } = window.VaultUploads;
  const ticket = form.dataset.ticket;
  const input = document.getElementById("bestand");
  const startButton = document.getElementById("start");
  const resumeButton = document.getElementById("hervat");
  const bar = document.getElementById("voortgang");
  const status = document.getElementById("status");
  const done = document.getElementById("klaar");
  const link = document.getElementById("naar-opname");
  const pieceSize = 1024 * 1024;
  const maxAttempts = 8;
  const storageKey = "vault-upload:" + ticket;
  let busy = false;

  function show(sent, total) {
    const percent = total > 0 ? Math.floor((sent / total) * 100) : 100;
    bar.value = percent;
    bar.textContent = percent + "%";
    form.dataset.sent = String(sent);
    return percent;
  }

  function say(text) {
    status.textContent = text;
  }

  async function openUpload(file) {
    const known = sessionStorage.getItem(storageKey);
    if (known) {
      try {
        const upload = await api.progress(known);
        if (upload.status === "Open" && upload.size === file.size) {
          return upload;
        }
      } catch {
        // Unknown or expired: start again.
      }
    }
    const upload = await api.start(ticket, file.name, file.size, "DeviceFile");
    sessionStorage.setItem(storageKey, upload.id);
    return upload;
  }

  async function run() {
    const file = input.files && input.files[0];
    if (!file || busy) {
      if (!file) {
        say(t("Kies eerst een bestand.", "First choose a file."));
        input.focus();
      }
      return;
    }

    busy = true;
    startButton.disabled = true;
    resumeButton.hidden = true;
    input.disabled = true;
    try {
      const upload = await openUpload(file);
      let offset = upload.received;
      let attempts = 0;
      let lastAnnounced = -10;
      while (offset < file.size) {
        const piece = file.slice(offset, Math.min(offset + pieceSize, file.size));
        try {
          offset = await api.append(upload.id, offset, piece, loaded => show(offset + loaded, file.size));
          attempts = 0;
          const percent = show(offset, file.size);
          if (percent - lastAnnounced >= 10) {
            lastAnnounced = percent;
            say(t("Bezig met uploaden: ", "Uploading: ") + percent + "% (" + kilobytes(offset) + t(" van ", " of ") + kilobytes(file.size) + ").");
          }
        } catch (error) {
          if (!retryable(error) || ++attempts > maxAttempts) {
            throw error;
          }
          say(t("De verbinding viel weg; de upload gaat verder waar hij was (poging ", "The connection dropped; the upload continues where it was (attempt ") + attempts + ").");
          await sleep(Math.min(500 * 2 ** (attempts - 1), 15000));
          const state = await api.progress(upload.id).catch(() => null);
          if (state) {
            offset = state.received;
            form.dataset.resumedFrom = String(offset);
            show(offset, file.size);
          }
        }
      }

      say(t("Alles is ontvangen. De kluis controleert en versleutelt de opname…", "Everything has been received. The vault checks and encrypts the recording…"));
      const recording = await api.complete(upload.id);
      sessionStorage.removeItem(storageKey);
      show(file.size, file.size);
      link.href = "/opnames/" + recording.id;
      done.hidden = false;
      form.dataset.recording = recording.id;
      say(t("De opname is opgeslagen.", "The recording has been saved."));
      link.focus();
    } catch (error) {
      say(t("Het uploaden is gestopt: ", "The upload stopped: ") + error.message);
      if (retryable(error)) {
        resumeButton.hidden = false;
        resumeButton.focus();
      } else {
        sessionStorage.removeItem(storageKey);
      }
      startButton.disabled = false;
      input.disabled = false;
    } finally {
      busy = false;
    }
  }

  form.addEventListener("submit", e => {
    e.preventDefault();
    run();
  });
  resumeButton.addEventListener("click", run);
})();
