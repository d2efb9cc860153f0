import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../lib/styles.css';
import './app.css';
import { App } from './App.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
