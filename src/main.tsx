import './content-security'; // first: its effects must precede every other module
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { EventDesk } from './app/event-desk';
import { bindUrlPosition } from './app/url-position';
import { createDeskStore, startDesk } from './store/desk-store';
import { DeskContext } from './store/use-desk';
import { App } from './ui/app';
import './ui/styles.css';

const desk = new EventDesk({
  onProgress: (done, total) => store.setState({ progress: { done, total } }),
});
const store = createDeskStore(desk);
// The benchmark and the browser tests drive and measure the real app through this handle.
(window as unknown as { __eventdesk: unknown }).__eventdesk = { desk, store };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DeskContext.Provider value={{ store, desk }}>
      <App />
    </DeskContext.Provider>
  </StrictMode>,
);

bindUrlPosition(store);
void startDesk(desk, store);
