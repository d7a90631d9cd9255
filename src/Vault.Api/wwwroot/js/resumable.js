// The vault's resumable upload API (/api/recordings/uploads) as the pages use it: the sign-in cookie authenticates,
// and every unsafe call carries the page's antiforgery token (X-Vault-Antiforgery), which a cross-site page cannot send.
"use strict";

window.VaultUploads = (function () {
  const base = "/api/recordings/uploads";

  // The page's language follows <html lang> (set from the vault's culture): Dutch first, English when chosen.
  const english = document.documentElement.lang === "en";
  const t = (nl, en) => english ? en : nl;

  class UploadError extends Error {
    constructor(message, status, problem) {
      super(message);
      this.status = status;
      this.problem = problem;
    }
  }

  async function problemOf(response) {
    try {
      return await response.json();
    } catch {
      return null;
    }
  }

  function describe(problem, fallback) {
    if (!problem) {
      return fallback;
    }
    const parts = [problem.title, problem.detail].filter(Boolean);
    if (Array.isArray(problem.reasons)) {
      for (const r of problem.reasons) {
        parts.push(r.rule + ": " + (english && r.messageEn ? r.messageEn : r.message) + (r.pupils && r.pupils.length ? " (" + r.pupils.map(p => p.name).join(", ") + ")" : ""));
      }
    }
    return parts.join(" — ") || fallback;
  }

  function client(token) {
    const headers = { "X-Vault-Antiforgery": token };

    async function json(method, url, body) {
      const response = await fetch(url, {
        method,
        credentials: "same-origin",
        headers: body === undefined ? headers : { ...headers, "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) {
        const problem = await problemOf(response);
        throw new UploadError(describe(problem, t("De kluis gaf foutcode ", "The vault answered with error code ") + response.status + "."), response.status, problem);
      }
      return response.json();
    }

    return {
      start: (ticketId, fileName, size, capture) => json("POST", base, { ticketId, fileName, size, capture }),
      progress: (id) => fetch(base + "/" + id, { credentials: "same-origin" }).then(async r => {
        if (!r.ok) {
          throw new UploadError(describe(await problemOf(r), t("De voortgang is niet op te vragen.", "The progress cannot be retrieved.")), r.status, null);
        }
        return r.json();
      }),
      complete: (id) => json("POST", base + "/" + id + "/complete"),

      // Sends one piece at an offset; onProgress(bytesOfThisPiece) while it goes. Resolves with the server's new offset.
      append: (id, offset, blob, onProgress) => new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open("PATCH", base + "/" + id);
        xhr.setRequestHeader("Upload-Offset", String(offset));
        xhr.setRequestHeader("Content-Type", "application/offset+octet-stream");
        xhr.setRequestHeader("X-Vault-Antiforgery", token);
        xhr.upload.onprogress = e => onProgress && onProgress(e.loaded);
        xhr.onload = () => {
          if (xhr.status === 204) {
            resolve(Number(xhr.getResponseHeader("Upload-Offset") ?? offset + blob.size));
            return;
          }
          let problem = null;
          try { problem = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
          reject(new UploadError(describe(problem, t("De kluis gaf foutcode ", "The vault answered with error code ") + xhr.status + "."), xhr.status, problem));
        };
        xhr.onerror = () => reject(new UploadError(t("De verbinding is verbroken.", "The connection was lost."), 0, null));
        xhr.ontimeout = xhr.onerror;
        xhr.send(blob);
      }),
    };
  }

  // Network trouble, a server hiccup, or an offset the server did not expect: worth asking the server where it is and going on.
  function retryable(error) {
    return error instanceof UploadError && (error.status === 0 || error.status === 409 || error.status >= 500);
  }

  const sleep = ms => new Promise(r => setTimeout(r, ms));

  function kilobytes(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toLocaleString(english ? "en-GB" : "nl-NL", { maximumFractionDigits: 1 }) + " MB" : Math.round(bytes / 1024) + " kB";
  }

  return { client, retryable, sleep, kilobytes, t, UploadError };
})();
