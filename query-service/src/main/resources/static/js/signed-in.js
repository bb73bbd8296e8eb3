// Where the sign-in server sends the browser back (the redirect URI, <origin>/signed-in.html): the
// sign-in library (js/auth.js) checks the state against the requests this tab started, exchanges the
// code for the tokens with that request's PKCE verifier and checks the ID token's nonce; the browser
// then goes back to the page it came from, or this page says why the sign-in was refused. The code
// leaves the address first, so that it is neither in the history nor sent anywhere again.
import { completeSignIn, signIn } from './auth.js';
import { showProblem, status } from './ui.js';

const $ = (id) => document.getElementById(id);
const query = new URLSearchParams(window.location.search);
window.history.replaceState({}, '', window.location.pathname);

try {
  const back = await completeSignIn(query);
  status('Signed in.', 'ok');
  window.location.replace(back);
} catch (e) {
  $('title').textContent = 'Not signed in';
  status('');
  showProblem($('problem'), e, 'The sign-in did not complete');
  $('retry').hidden = false;
  $('sign-in-again').addEventListener('click', () => {
    $('sign-in-again').disabled = true;
    signIn(e.returnTo || 'index.html').catch((again) => {
      $('sign-in-again').disabled = false;
      showProblem($('problem'), again, 'Cannot sign in');
    });
  });
  $('sign-in-again').focus();
}
