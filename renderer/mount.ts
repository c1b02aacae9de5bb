// The app shell, mounted into the page. main.ts loads this chunk after it has asked the backend
// for the first screen's data, so the answers arrive while this chunk is fetched and compiled.
import { mount } from 'svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
