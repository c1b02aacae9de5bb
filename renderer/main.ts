// Placeholder entry until the UI lands: shows which topology the backend opened.
import { getApi } from './transport/index.ts';

const api = getApi();
const root = document.getElementById('app')!;
const [info, opened] = await Promise.all([api.app.getInfo({}), api.app.getInitialTopology({})]);
document.title = `${opened.name} — VirtWire`;
root.textContent = `VirtWire ${info.version} (${info.mode}): ${opened.name}, ${opened.topology.nodes.length} objects`;
