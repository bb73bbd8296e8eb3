// What the query service tells the pages about the platform (GET /api/config, open: no token needed):
// where the command API is, and where the browser signs in.

let configPromise;

/** {commandApi, signIn: {issuer, authorizationUri, tokenUri, logoutUri, clientId, scopes}, ...} */
export function config() {
  if (!configPromise) {
    configPromise = (async () => {
      let response;
      try {
        response = await fetch('/api/config', { headers: { Accept: 'application/json' } });
      } catch (e) {
        const error = new Error('The platform did not answer (/api/config). Is it running?');
        error.status = 0;
        throw error;
      }
      if (!response.ok) {
        const error = new Error(`The platform's settings could not be read (/api/config answered ${response.status}).`);
        error.status = response.status;
        throw error;
      }
      return response.json();
    })().catch((e) => {
      configPromise = undefined;
      throw e;
    });
  }
  return configPromise;
}
