import './app.css';
// The primitives every feature uses, before any feature's own styles (which may refine them).
import './ui/buttons.css';
import './ui/fields.css';
import './ui/panels.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AccessScreen } from './access/AccessScreen';
import { connectApi } from './api/connect';
import { StoreProvider } from './store/context';
import { createAppStore } from './store/store';

const element = document.getElementById('root');
if (!element) throw new Error('index.html has no #root element');
const root = createRoot(element);

// Without the admin token the host refuses every call: ask for the access link instead of
// showing an app that fails silently.
const store = createAppStore(
  connectApi(() => {
    document.documentElement.dataset.accessRequired = 'true';
    root.render(
      <StrictMode>
        <AccessScreen />
      </StrictMode>,
    );
  }),
);

root.render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
