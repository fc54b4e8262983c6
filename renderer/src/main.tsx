import './app.css';
// The primitives every feature uses, before any feature's own styles (which may refine them).
import './ui/buttons.css';
import './ui/fields.css';
import './ui/panels.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectApi } from './api/connect';
import { StoreProvider } from './store/context';
import { createAppStore } from './store/store';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const store = createAppStore(connectApi());

createRoot(root).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
