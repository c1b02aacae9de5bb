// English messages of the cli part of the catalogue (see ../en.ts, which merges the parts).
// The `virtwire` command's own words: usage, errors, the question apply asks, progress and
// summaries. Command and option names, virsh, SSH and URI stay as they are in every language.
export const cliEn = {
  // virtwire --help, and after a usage error
  'cli.usage': `Usage:
  virtwire show FILE                      print a summary of a saved topology
  virtwire web [--port N] [--open FILE]   start browser mode; prints the address to open
  virtwire start [--open FILE]            start the desktop app (browser mode without Electron)
  virtwire snapshot [USER@]HOST … --out FILE   write a live host's topology (see: virtwire snapshot --help)
  virtwire diff FILE [USER@]HOST …        what differs between a saved topology and the host now
  virtwire plan FILE [USER@]HOST …        the steps that make the host match the file, and when
                                          each takes effect
  virtwire apply FILE [USER@]HOST … [--yes] [--prune] [--rollback-on-failure]
                                          run them (see: virtwire apply --help)
  virtwire export FILE --format svg|png|dot|mermaid|drawio --out OUT [--view logical|wiring]
                                          the picture for other tools (see: virtwire export --help)
  virtwire --help | --version

Exit codes: 0 done, 1 failed (e.g. the file is not a valid topology), 2 usage error;
snapshot, diff, plan, apply and export have their own (see their --help).
`,
  'cli.usage.takesFiles': '{command} takes {count, plural, =0 {no file argument} one {# file argument} other {# file arguments}}.',
  'cli.usage.noOption': '{command} has no {option} option.',
  'cli.usage.port': '--port must be a number from 1 to 65535, not "{port}".',
  'cli.usage.noCommand': 'No command given.',
  'cli.usage.unknownCommand': 'Unknown command "{command}".',
  'cli.args.unknownOption': 'Unknown option "{option}". A file whose name starts with "-" goes at the end, after "--".',
  'cli.args.needsValue': '{option} needs a value.',
  'cli.args.takesNoValue': '{option} takes no value.',
  'cli.warning': 'warning: {message}',
  'cli.unexpected': 'unexpected error: {error}',

  // Reading and writing files
  'cli.file.notFound': 'There is no file at {path}.',
  'cli.file.noFolder': 'The folder for {path} does not exist.',
  'cli.file.notAllowedOpen': 'VirtWire is not allowed to open {path}.',
  'cli.file.notAllowedSave': 'VirtWire is not allowed to save {path}.',
  'cli.file.folder': '{path} is a folder, not a topology file.',
  'cli.file.couldNotOpen': 'Could not open {path}.',
  'cli.file.couldNotSave': 'Could not save {path}.',

  // virtwire show
  'cli.show.totals':
    '{hosts, plural, one {# host} other {# hosts}}, {objects, plural, one {# object} other {# objects}}, {links, plural, one {# link} other {# links}}',
  'cli.show.kinds':
    '{network, plural, one {# network} other {# networks}}, {bridge, plural, one {# bridge} other {# bridges}}, {tap, plural, one {# TAP} other {# TAPs}}, {vm, plural, one {# VM} other {# VMs}}, {physical, plural, one {# physical NIC} other {# physical NICs}}, {missing, plural, one {# missing object} other {# missing objects}}, {endpoint, plural, one {# NIC endpoint} other {# NIC endpoints}}',
  'cli.show.noNics': '(no VM NICs)',
  'cli.show.network': 'network {name} ({forward}, {state}) — bridge {bridge}',
  'cli.show.networkNoBridge': 'network {name} ({forward}, {state}) — no bridge',
  'cli.show.bridgeUnmanaged': 'bridge {name} ({state}) — not managed by a network',
  'cli.show.bridgeOf': 'bridge {name} ({state}) — of network {network}',
  'cli.show.missing':
    'missing {expected, select, network {network} bridge {bridge} device {device} other {{expected}}} {name} — not on this host: a VM defined with a NIC on it does not start',
  'cli.show.endpoint': 'endpoint {name} — no host object',
  'cli.show.tap': 'TAP {name} ({state})',
  'cli.show.physical': 'physical NIC {name} ({state})',

  // What reaching a host takes (snapshot, diff, plan, apply)
  'cli.ssh.options': `  --port N            SSH port (default 22)
  --identity FILE     private key to log in with
  --known-hosts FILE  trusted host keys (default ~/.ssh/known_hosts)
  --accept-new        trust a host seen for the first time (appended to --known-hosts FILE
                      if given; otherwise remembered for this run only)
  --uri URI           libvirt URI passed to virsh (default qemu:///system)
  --sudo              run commands with sudo -n (for a non-root user)
`,
  'cli.ssh.notTarget': '"{target}" is not a [USER@]HOST.',
  'cli.ssh.acceptNewHint': '(run again with --accept-new to trust it)',

  // virtwire snapshot
  'cli.snapshot.usage': `Usage:
  virtwire snapshot [USER@]HOST [--port N] [--identity FILE] [--known-hosts FILE]
                    [--accept-new] [--uri URI] [--sudo] --out FILE

Reads the host's virtual networking over SSH and writes it as a topology file.
  --known-hosts FILE  trusted host keys (default ~/.ssh/known_hosts)
  --accept-new        trust a host seen for the first time (appended to --known-hosts FILE
                      if given; otherwise remembered for this run only)
  --uri URI           libvirt URI passed to virsh (default qemu:///system)
  --sudo              run the probe with sudo -n (for a non-root user)

Exit codes: 0 written, 2 usage, 3 connection, login or host key refused, 4 a remote command failed.
`,
  'cli.snapshot.oneHost': 'snapshot takes one host: [USER@]HOST.',
  'cli.snapshot.needsOut': 'snapshot needs --out FILE.',
  'cli.snapshot.written':
    '{host}: {networks, plural, one {# network} other {# networks}}, {vms, plural, one {# VM} other {# VMs}}, {bridges, plural, one {# bridge} other {# bridges}}, {taps, plural, one {# TAP} other {# TAPs}}, {physical, plural, one {# physical NIC} other {# physical NICs}} → {file}',

  // virtwire diff, plan and apply
  'cli.desired.usage': `Usage:
  virtwire diff  FILE [USER@]HOST [ssh options] [--json]
  virtwire plan  FILE [USER@]HOST [ssh options] [--prune] [--json]
  virtwire apply FILE [USER@]HOST [ssh options] [--prune] [--yes] [--rollback-on-failure]
                                                [--journal OUT]

Compares the saved topology FILE with the host as it is now (diff), shows the steps that make
the host match the file (plan), or runs them (apply). Networks, bridges, TAPs, bridge ports and
VM NICs are created, changed in place where libvirt can, and removed only with --prune; VMs
themselves, their disks, CPUs and memory are never touched.
{sshOptions}  --file-host ID      which host of FILE to compare when it holds several (its id)
  --json              print the differences or the plan as JSON
  --prune             remove what is on the host and not in the file
  --yes               apply without asking (without it, apply asks on a terminal and
                      refuses otherwise)
  --rollback-on-failure  when a step fails, undo the steps that ran, newest first
  --journal OUT       write every command run on the host to OUT, as a shell script

Exit codes: diff 0 equal, 1 different; plan 0 the plan makes the host match, 1 some differences
cannot be made; apply 0 the host matches the file (apart from what was left alone), 1 not done
(declined, or differences remain); all: 2 usage or unreadable FILE, 3 connection, login or host
key refused, 4 a remote command failed.
`,
  'cli.desired.fileAndHost': '{command} takes a file and a host: {command} FILE [USER@]HOST.',
  'cli.desired.noSuchHost': '{file} holds no host "{id}"; it holds: {ids}.',
  'cli.desired.noSuchHostEmpty': '{file} holds no host "{id}"; it holds none.',
  'cli.desired.noHost': '{file} holds no host to compare.',
  'cli.desired.severalHosts': '{file} holds {count, plural, one {# host} other {# hosts}} ({ids}); name one with --file-host ID.',

  // How diff and plan print
  'cli.diff.matches': '{host} matches {file}: no differences.',
  'cli.diff.differs': '{host} differs from {file} (- only in the file, + only on the host, ~ changed):',
  'cli.diff.count': '{count, plural, one {# difference} other {# differences}}.',
  'cli.diff.note': 'note: {note}',
  'cli.plan.nothing': 'Nothing to run.',
  'cli.plan.steps': '{count, plural, one {# step} other {# steps}}, in this order:',
  'cli.plan.destructive': '[destructive]',
  'cli.plan.changesHost': 'changes the host.',
  'cli.plan.changesBothVm': 'changes the running VM and its saved definition.',
  'cli.plan.changesBothNetwork': 'changes the running network and its saved definition.',
  'cli.plan.changesLiveVm': 'changes the running VM only.',
  'cli.plan.changesLiveNetwork': 'changes the running network only.',
  'cli.plan.changesConfig': 'changes the saved definition only.',
  'cli.plan.cannotUndo': 'cannot be undone: {reason}',
  'cli.plan.noInverse': 'cannot be undone: it has no inverse',
  'cli.plan.whenEffect': 'When they take effect:',
  'cli.plan.whatItDoes': 'What it does:',
  'cli.plan.warnings': 'Warnings:',
  'cli.plan.leftAlone': 'Left alone:',
  'cli.plan.leftAloneNoPrune': 'Left alone (on the host, not in the file; --prune removes them):',
  'cli.plan.cannot': 'Cannot be done (these differences stay):',

  // What apply did to each step
  'cli.result.ran': 'done: {description}',
  'cli.result.skipped': 'already done: {description}',
  'cli.result.pending': 'PENDING: {description}',
  'cli.result.failed': 'FAILED: {description}',
  'cli.result.notRun': 'not run: {description}',
  'cli.result.exitCode': 'exit code {code}',
  'cli.result.host': 'host: {line}',

  // virtwire apply
  'cli.apply.noTerminal':
    'apply changes {host} and there is no terminal to ask on: run `virtwire plan` to see the steps, then apply with --yes. Nothing was changed.',
  'cli.apply.confirm': 'Run {count, plural, one {this step} other {these # steps}} on {host}? [y/N] ',
  'cli.apply.nothingChanged': 'Nothing was changed.',
  'cli.apply.applying': 'Applying {count, plural, one {# step} other {# steps}} to {host}:',
  'cli.apply.progress':
    'step {step}/{total} {state, select, done {done} skipped {skipped} pending {pending} failed {failed} other {{state}}}',
  'cli.apply.progressDetail':
    'step {step}/{total} {state, select, done {done} skipped {skipped} pending {pending} failed {failed} other {{state}}}: {detail}',
  'cli.apply.stopped': 'The plan stopped at a failed step; the steps after it did not run:',
  'cli.apply.notRolledBack':
    'Nothing was rolled back: {count} step(s) took effect. Run apply again to finish (steps already done are skipped), or with --rollback-on-failure to undo them.',
  'cli.apply.noneTookEffect': 'No step took effect.',
  'cli.apply.cannotRollBack': 'Cannot roll back: {reason}',
  'cli.apply.rollingBack': 'Rolling back the {count} step(s) that took effect:',
  'cli.apply.rollbackFailed': 'The rollback failed too: the host is part way.',
  'cli.apply.rolledBack': 'Rolled back: the host is as it was before apply.',
  'cli.apply.notDone': 'Not done: {host} still differs from {file}:',
  'cli.apply.matches': '{host} now matches {file}.',
  'cli.apply.matchesApartFrom': '{host} now matches {file} apart from {count, plural, one {# object} other {# objects}} left alone.',
  'cli.apply.journal': 'Journal of the {count, plural, one {# command} other {# commands}} run: {file}',

  // virtwire export
  'cli.export.usage': `Usage:
  virtwire export FILE --format svg|png|dot|mermaid|drawio --out OUT [--view logical|wiring]
                  [--chromium PATH]

Writes the picture of a saved topology, as the app draws it in the given view (default
logical: VMs wired to networks and bridges; wiring: VM → TAP → bridge → uplink).
  svg, png   the graph as drawn, in the app's layout and colours; drawn by the app's own
             renderer in headless Chromium, so they need the built UI (npm run build) and
             Chromium: --chromium PATH, else $VIRTWIRE_CHROMIUM, else chromium on the PATH
  dot        Graphviz; \`neato -n2 -Tsvg\` keeps the app's positions, \`dot\` lays out anew
  mermaid    a Mermaid flowchart, for Markdown wikis
  drawio     a diagrams.net / draw.io file, at the app's positions, editable
--format may be left out when OUT ends in .svg, .png, .dot, .mmd or .drawio. OUT may be -
(standard output) for every format but png.

Exit codes: 0 written, 1 failed (the file is not a valid topology, no Chromium, no build),
2 usage error.
`,
  'cli.export.oneFile': 'export takes one topology file.',
  'cli.export.needsOut': 'export needs --out OUT (- for standard output).',
  'cli.export.needsFormat': 'export needs --format (svg, png, dot, mermaid or drawio).',
  'cli.export.badFormat': '--format must be one of {formats}, not "{format}".',
  'cli.export.badView': '--view must be logical or wiring, not "{view}".',
  'cli.export.pngToTerminal': 'a PNG is not written to a terminal: give --out FILE or redirect the output.',
  'cli.export.written':
    '{file}: {format}, {view, select, wiring {wiring view} logical {logical view} other {{view} view}}, {objects, plural, one {# object} other {# objects}} and {links, plural, one {# link} other {# links}}',
  'cli.export.chromiumNotThere': 'Chromium is not at {path} (or cannot be run there).',
  'cli.export.noChromium':
    'SVG and PNG are drawn by the app in headless Chromium, and no Chromium was found: install it (Debian/Ubuntu: apt install chromium) or name it with --chromium PATH or VIRTWIRE_CHROMIUM. dot, mermaid and drawio need no browser.',
  'cli.export.noPlaywright': 'SVG and PNG need playwright-core, one of VirtWire’s development packages: run `npm install` in VirtWire’s folder.',
  'cli.export.notBuilt': 'SVG and PNG are drawn by the app’s own renderer, which is not built yet: run `npm run build` first.',
  'cli.export.appError': 'The app could not export: {error}',
  'cli.export.noDownload': 'The app did not export the picture: {error}',
  'cli.export.noDownloadPageErrors': 'The app did not export the picture: {error} ({pageErrors})',
  'cli.export.chromiumFailed': 'Headless Chromium failed: {error}',

  // virtwire start and web
  'cli.start.downloading': 'Downloading Electron for the first start…',
  'cli.start.noPackage': 'the electron package is not installed',
  'cli.start.noInstaller': 'the electron package has no installer',
  'cli.start.downloadUnfinished': 'the download did not finish (exit {code})',
  'cli.start.downloadKilled': 'the download did not finish (it was stopped)',
  'cli.start.downloadFailed': 'its binary could not be downloaded: {reason}',
  'cli.start.notInstalled': 'its binary is not installed',
  'cli.start.browserInstead': 'Electron is not available here ({why}), so VirtWire starts in browser mode instead.',
  'cli.start.notBuilt': 'The app is not built yet: run `npm run build` first.',
  'cli.web.notBuilt': 'The UI is not built yet: run `npm run build` first.',
} as const satisfies Record<string, string>;
