/**
 * The order-entry example: a React 19 page on the session machine of covage-orders, through
 * @xstate/react. The API's address and token come from the page's query string
 * (`?api=http://127.0.0.1:8080&token=sandbox-token`), so it runs against any sandbox.
 */
import { bearerToken, createCovageClient, createOrderSessionMachine } from 'covage-orders';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';

const params = new URLSearchParams(window.location.search);
const api = createCovageClient({
  baseUrl: params.get('api') ?? 'http://127.0.0.1:8080',
  auth: bearerToken(params.get('token') ?? 'sandbox-token'),
});
const machine = createOrderSessionMachine({ api });
const root = document.getElementById('root');
if (root) createRoot(root).render(<App machine={machine} />);
