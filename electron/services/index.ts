// All services behind the API, created once per process by the Electron shell or the CLI.
// Events go out through `emit`, which each transport implements (IPC or the WebSocket).
import { join } from 'node:path';
import type { ApiEventName, ApiEvents, AppInfo, VirtWireApi } from '../../shared/api/index.ts';
import type { HostStateChange } from '../../shared/api/hosts.ts';
import { hostId } from '../../shared/topology/ids.ts';
import { LiveService } from '../discovery/live.ts';
import { MemorySecretStore, type SecretStore } from '../hosts/secrets.ts';
import { HostsService } from '../hosts/service.ts';
import { HistoryFiles } from '../plan/history-store.ts';
import { PlanService } from '../plan/service.ts';
import { createAppService, type WindowControl } from './app.ts';
import { createFilesService, type FileDialogs } from './files.ts';
import { withDefaultNicModel } from './default-nic-model.ts';
import { createPreferencesService, type PreferencesService } from './preferences.ts';
import { RecentFiles } from './recent-files.ts';

export type EmitEvent = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void;

export interface ServicesOptions {
  info: AppInfo;
  configDir: string;
  initialFile: string | null;
  dialogs?: FileDialogs;
  /** where remembered secrets go; Electron passes one backed by safeStorage */
  secrets?: SecretStore;
  /** pushes an event to the UI; without it, events are dropped (e.g. in the CLI) */
  emit?: EmitEvent;
  /** agent socket; undefined = SSH_AUTH_SOCK */
  agent?: string | null;
  /** the native Save dialog for exporting the journal; only the Electron shell has one */
  chooseJournalFile?: (suggestedName: string) => Promise<string | null>;
  /** the desktop window's close question; only the Electron shell has one */
  window?: WindowControl;
}

/** The API, plus what only the process itself may use (not reachable from the page). */
export interface Services extends VirtWireApi {
  local: {
    preferences: PreferencesService;
    /** marks a path as chosen by the user outside the API (a file the OS asked the app to open) */
    chooseFile(path: string): void;
  };
}

export function createServices(options: ServicesOptions): Services {
  const { info, configDir, initialFile, dialogs } = options;
  const emit: EmitEvent = options.emit ?? (() => undefined);
  const files = createFilesService({ recent: new RecentFiles(configDir), dialogs });
  if (initialFile !== null) files.choose(initialFile);
  const prefs = createPreferencesService({ configDir, onDidChange: (preferences) => emit('prefs.onDidChange', preferences) });
  const live = new LiveService((change) => emit('live.onDidChangeHost', change));

  // A connected host is read whole and then followed by its event streams; a host that
  // drops is taken off the canvas until it is connected again.
  const follow = (change: HostStateChange): void => {
    if (change.state === 'connected') {
      const { runner, profile, target } = hosts.connection(change.hostId);
      void runner
        .learnLibvirtAccess(profile.uri)
        .then(() => {
          // the live picture re-reads what events name in a virsh kept open: started now, beside the first read
          void runner.openVirsh(profile.uri).catch(() => undefined);
          return live.attach({
            profileId: profile.id,
            host: {
              id: hostId({ host: target.host, port: target.port, user: target.user }),
              label: profile.label,
              ssh: { host: target.host, port: target.port, user: target.user },
              uri: profile.uri,
              capturedAt: '',
            },
            run: (argv, o) => runner.runKept(argv, o),
            runVirsh: (commands, o) => runner.runVirsh(profile.uri, commands, o),
            openStream: (argv, onLine, onEnd, needs, onStarted) => runner.stream(argv, onLine, onEnd, needs, onStarted),
            privileged: runner.elevates('libvirt'),
          });
        })
        .catch(() => undefined);
    } else if (change.state === 'disconnected' || change.state === 'failed') {
      live.detach(change.hostId);
    }
  };

  const hosts: HostsService = new HostsService({
    profilesFile: join(configDir, 'hosts.json'),
    appKnownHostsFile: join(configDir, 'known_hosts'),
    secrets: options.secrets ?? new MemorySecretStore(),
    ...(options.agent !== undefined ? { agent: options.agent } : {}),
    ...(options.chooseJournalFile ? { chooseJournalFile: options.chooseJournalFile } : {}),
    onDidChangeState: (change) => {
      emit('hosts.onDidChangeState', change);
      follow(change);
    },
    onDidPrompt: (prompt) => emit('hosts.onDidPrompt', prompt),
  });

  const historyFiles = new HistoryFiles(configDir);
  const plan = new PlanService({
    hosts: {
      runnerFor: (profileId) => hosts.connection(profileId).runner,
      profile: (profileId) => {
        const { profile, target } = hosts.connection(profileId);
        return { user: target.user, useSudo: profile.useSudo };
      },
    },
    live,
    emit: (progress) => emit('plan.onDidProgress', progress),
    openHistory: (profileId) => historyFiles.open(profileId),
  });

  const { choose, ...filesApi } = files;
  const { current: _internal, ...prefsApi } = prefs;
  return {
    app: createAppService({ info, initialFile, files, ...(options.window ? { window: options.window } : {}) }),
    files: filesApi,
    hosts,
    live,
    plan: withDefaultNicModel(plan, prefs),
    prefs: prefsApi,
    local: { preferences: prefs, chooseFile: choose },
  };
}
