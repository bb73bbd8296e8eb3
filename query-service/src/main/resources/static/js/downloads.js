// Exports saved from the pages: the CSV of a board or of a career's events, the career summary PDF.
// A plain link would carry no access token (the pages keep it in sessionStorage), so the file is
// fetched like every API request, with the token, and handed to the browser as a Blob object URL on
// an <a download>. The exports are the APIs' own answers (docs/api.md, "Exports").
import * as auth from './auth.js';
import { ApiError } from './api.js';
import { refusalWords, status, viewpoint } from './ui.js';

/** The file name the API offers (Content-Disposition), else the fallback. */
function fileNameOf(disposition, fallback) {
  const match = /filename="?([^";]+)"?/i.exec(disposition || '');
  return match ? match[1] : fallback;
}

/**
 * GET on the query API asking for {@code accept}, saved as a file. Answers {fileName, bytes};
 * throws an ApiError (the problem detail) when the API refuses.
 */
export async function saveFile(path, accept, fallbackName) {
  const url = new URL(path, window.location.origin);
  const { asOf, knownOn } = viewpoint();
  if (asOf) url.searchParams.set('asOf', asOf);
  if (knownOn) url.searchParams.set('knownOn', knownOn);
  const token = await auth.bearer();
  const headers = { Accept: `${accept}, application/problem+json` };
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(url.toString(), { headers });
  } catch (e) {
    throw new ApiError(0, { title: 'Not reachable', detail: `The platform did not answer (${url}). Is it running?` }, url.toString());
  }
  if (response.status === 401 && token) await auth.rejected();
  if (token) auth.accepted();
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch (e) {
      // no problem detail: the status says enough
    }
    throw new ApiError(response.status, problem, url.toString());
  }
  const blob = await response.blob();
  const fileName = fileNameOf(response.headers.get('Content-Disposition'), fallbackName);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // the browser has taken the file once the click is handled; the URL can go a little later
  window.setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  return { fileName, bytes: blob.size };
}

/**
 * Wires a button to save an export: busy while it runs, the outcome in the status line, the saved
 * file's name on the button ({@code data-downloaded}) for whoever checks.
 * @param about 'person' | 'team': how a refusal reads (ui.refusalWords)
 */
export function downloadButton(button, { what, about, path, accept, fallbackName }) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    status(`Preparing ${what}…`, 'working');
    try {
      const { fileName, bytes } = await saveFile(path(), accept, fallbackName());
      button.dataset.downloaded = fileName;
      status(`Saved ${what} as ${fileName} (${Math.max(1, Math.round(bytes / 1024))} kB).`, 'ok');
    } catch (e) {
      status(`Could not save ${what}: ${refusalWords(e, about) || e.problem?.detail || e.message}`, 'error');
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  });
}
