// The renderer's entry, a chunk without the UI itself (the transport and the API's schemas):
// it asks the backend for what the first screen shows (state/first-answers.ts), then loads the
// app shell (mount.ts), a chunk of its own. The socket's handshake and the answers overlap
// fetching, compiling and running the rest of the UI's code, which takes longer than they do.
import './app.css';
import { askFirstAnswers } from './state/first-answers.ts';

askFirstAnswers();
import('./mount.ts').catch((error: unknown) => {
  // the one error the app cannot show itself: its code did not load
  const app = document.getElementById('app')!;
  app.textContent = `VirtWire could not load its interface: ${error instanceof Error ? error.message : String(error)}. Reload the page; if that does not help, build the UI again (npm run build).`;
});
