// English: the catalogue every other language is checked against (same keys, same arguments).
// ICU MessageFormat: {name} is an argument, {count, plural, one {…} other {…}} chooses by number.
import { appEn } from './parts/app.en.ts';
import { checksEn } from './parts/checks.en.ts';
import { cliEn } from './parts/cli.en.ts';
import { desktopEn } from './parts/desktop.en.ts';
import { detailsEn } from './parts/details.en.ts';
import { graphEn } from './parts/graph.en.ts';
import { planEn } from './parts/plan.en.ts';

/** The catalogue's own messages; the parts (parts/*.en.ts: app chrome, graph and edits, the details panel, CLI, the planner's sentences, the checks and differences, the desktop shell) are merged below. */
const core = {
  // Shared words
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.closeEsc': 'Close (Esc)',
  'common.dismiss': 'Dismiss',
  'common.apply': 'Apply',
  'common.applyEnter': 'Apply (Enter)',
  'common.continue': 'Continue',
  'common.undo': 'Undo',
  'common.redo': 'Redo',
  'common.none': 'None.',
  'common.hostMessage': "The host's own message",

  // Status bar
  'status.noHost': 'no host',
  'status.counts': '{objects, plural, one {# object} other {# objects}} · {links, plural, one {# link} other {# links}}',
  'status.logicalView': 'Logical view',
  'status.wiringView': 'Wiring view',
  'status.selected': '{count} selected — right-click one of them, or Delete, to change them together',
  'status.focusMode': 'Focus mode (I)',
  'status.notSavedToDisk': 'not saved to disk',
  'status.notSavedYet': 'not saved yet',
  'status.desktop': 'Desktop · v{version}',
  'status.browserMode': 'Browser mode · v{version}',

  // Progress and banners above the graph
  'live.connecting': 'Connecting to {host}…',
  'live.reconnecting': 'Reconnecting to {host}…',
  'live.reading': 'Reading {host}…',

  // Error banner
  'error.couldNotOpen': 'Could not open the file',
  'error.somethingWrong': 'Something went wrong',
  'error.topologyKept': 'The open topology was left as it was.',

  // Side bar
  'side.label': 'Side panel',
  'side.outline': 'Outline',
  'side.hosts': 'Hosts',
  'side.changes': 'Changes',
  'side.connected': 'connected',

  // Undo / redo tools
  'tools.label': 'Changes',
  'tools.undoHint': 'Undo the last change on the host',
  'tools.redoHint': 'Redo the last undone change',
  'tools.selectFirst': ' — select an object of a connected host first',
  'tools.skipPreview': 'Skip preview for safe changes',
  'tools.skipPreviewHint': 'Destructive changes always show their preview',

  // Dialogs opened from the context menu
  'editDialogs.cannotEdit': 'This network cannot be edited here',
  'editDialogs.networkGone': 'Network “{name}” is no longer on the host.',

  // Plan steps
  'steps.waiting': 'waiting',
  'steps.running': 'running…',
  'steps.done': 'done',
  'steps.pending': 'pending',
  'steps.failed': 'failed',
  'steps.skipped': 'skipped',
  'steps.destructive': 'destructive',
  'steps.stdin': 'with this on its standard input',
  'steps.cannotUndo': 'Cannot be undone: {reason}',

  // The plan dialog: preview, questions, progress, report, rollback
  'plan.undoPrefix': 'Undo: {what}',
  'plan.redoPrefix': 'Redo: {what}',
  'plan.networkNotRunning': 'The network is not running',
  'plan.cutOff': 'This can cut VirtWire off from the host',
  'plan.applying': 'Applying…',
  'plan.failed': 'The change failed',
  'plan.applied': 'Applied',
  'plan.rollback': 'Roll back',
  'plan.stale': 'The host changed since this preview',
  'plan.asking': 'Asking the host’s planner…',
  'plan.touches': 'What it touches',
  'plan.stays': 'What stays as it is',
  'plan.commands': '{count, plural, one {The command} other {The # commands, in order}}',
  'plan.copied': 'Copied.',
  'plan.copy': 'Copy commands',
  'plan.selectToCopy': 'The commands, to select and copy',
  'plan.whenEffect': 'When it takes effect',
  'plan.confirmDestructive': 'This change stops, removes or disconnects something (the steps marked in red). I want to go ahead.',
  'plan.startFirstQuestion': 'Start “{network}” first? VirtWire previews starting it, then the change you asked for.',
  'plan.acceptRisk': 'I have another way into this host and accept the risk.',
  'plan.rollbackIntro': 'These commands undo the steps that took effect, newest first:',
  'plan.startFirst': 'Start “{network}” first',
  'plan.changeAnyway': 'Change it anyway',
  'plan.keepAsIs': 'Keep as is',
  'plan.rollBackEllipsis': 'Roll back…',
  'plan.previewAgain': 'Preview again',
  'plan.runRollback': 'Run the rollback',
  'plan.stopHint': 'Stop the running command; no further step starts',
  'plan.cancelling': 'Cancelling…',

  // Changes panel
  'changes.applied': 'applied',
  'changes.undone': 'undone',
  'changes.undoTakes': 'Undo takes this',
  'changes.redoTakes': 'Redo takes this',
  'changes.commands': '{count, plural, one {The command} other {The # commands}}',
  'changes.label': 'Changes',
  'changes.onHost': 'Changes on {host}',
  'changes.appliedHeading': 'Applied',
  'changes.appliedList': 'Applied changes, newest first',
  'changes.undoneHeading': 'Undone',
  'changes.undoneList': 'Undone changes, most recent first',
  'changes.noneYet': 'No changes made from VirtWire since it connected.',
  'changes.connectFirst': 'Connect to a host in the Hosts tab; the changes made to it from here are listed here.',

  // Questions asked while connecting
  'prompt.trustTitle': 'Trust {host}?',
  'prompt.passphraseTitle': 'Key passphrase',
  'prompt.passwordTitle': 'Password for {host}',
  'prompt.asksTitle': '{host} asks',
  'prompt.unknownHostBefore': 'VirtWire has not seen this host before. Compare the fingerprint with the one the host’s administrator gives you (',
  'prompt.unknownHostAfter': ' of the host key) before trusting it.',
  'prompt.host': 'Host',
  'prompt.keyType': 'Key type',
  'prompt.fingerprint': 'Fingerprint',
  'prompt.nothingSent': 'No password or key is sent until you trust it. Trusting adds the key to VirtWire’s known hosts file.',
  'prompt.retry': 'That was not accepted. Try again.',
  'prompt.passwordOf': 'Password of {user}@{host}',
  'prompt.passphraseOf': 'Passphrase of {file}',
  'prompt.remember': 'Remember (encrypted by the system)',
  'prompt.trust': 'Trust and connect',

  // A host whose key changed
  'hostKey.revokedTitle': '{host}: revoked host key',
  'hostKey.changedTitle': '{host}: host key changed',
  'hostKey.recorded': 'Recorded key',
  'hostKey.offered': 'Key offered now',
  'hostKey.recordedIn': 'Recorded in',
  'hostKey.advice': 'If the host was reinstalled or its keys were replaced on purpose, ask its administrator for the new fingerprint, then remove the old line from the known hosts file and connect again.',
  'hostKey.adviceAt': 'If the host was reinstalled or its keys were replaced on purpose, ask its administrator for the new fingerprint, then remove the old line from the known hosts file ({where}) and connect again.',

  // Kinds of objects (singular, and as the name of a group)
  'kind.network': 'Network',
  'kind.bridge': 'Bridge',
  'kind.tap': 'TAP',
  'kind.vm': 'VM',
  'kind.physical': 'Physical NIC',
  'kind.missing': 'Missing object',
  'kind.endpoint': 'NIC endpoint',
  'kinds.network': 'Networks',
  'kinds.bridge': 'Bridges',
  'kinds.tap': 'TAPs',
  'kinds.vm': 'VMs',
  'kinds.physical': 'Physical NICs',
  'kinds.missing': 'Missing objects',
  'kinds.endpoint': 'NIC endpoints',

  // Create a bridge or a TAP
  'device.createBridge': 'Create bridge',
  'device.createTap': 'Create TAP',
  'device.name': 'Name',
  'device.tapHint': 'A TAP made with {command}; gone when the host reboots.',
  'device.ovsHint': 'An Open vSwitch bridge made with {command}; kept in the OVS database.',
  'device.linuxHint': 'A Linux bridge made with {command}; gone when the host reboots.',
  'device.nameRule': 'Up to 15 bytes; no spaces, “/” or “:”.',
  'device.type': 'Type',
  'device.linuxBridge': 'Linux bridge',
  'device.ovsBridge': 'Open vSwitch bridge',
  'common.previewEllipsis': 'Preview…',

  // Export
  'export.title': 'Export',
  'export.format': 'Format',
  'export.view': 'View',
  'export.viewLogical': 'Logical',
  'export.viewWiring': 'Wiring',
  'export.svg': 'SVG image',
  'export.png': 'PNG image',
  'export.dot': 'Graphviz DOT',
  'export.mermaid': 'Mermaid flowchart',
  'export.drawio': 'draw.io diagram',
  'export.svgOpensIn': 'browsers, Inkscape, documents',
  'export.pngOpensIn': 'anything that shows pictures',
  'export.dotOpensIn': 'Graphviz (neato -n2 keeps the layout)',
  'export.mermaidOpensIn': 'Markdown wikis (GitHub, GitLab), mermaid.live',
  'export.drawioOpensIn': 'diagrams.net / draw.io, editable',
  'export.asDrawn': 'The whole graph as drawn, in the app’s layout and colours.',
  'export.mermaidLayout': 'Mermaid arranges the chart itself; names and links are the app’s.',
  'export.atPositions': 'At the app’s positions, with its shapes and colours.',
  'export.export': 'Export',

  // Import hosts from ~/.ssh/config
  'import.title': 'Import hosts from ~/.ssh/config',
  'import.configFile': 'Config file',
  'import.read': 'Read',
  'import.reading': 'Reading…',
  'import.noEntries': 'This file has no Host entries to import (patterns such as * are skipped).',
  'import.hostsChosen': 'Hosts ({chosen} of {total} chosen)',
  'import.via': ' via {jump}',
  'import.takenOver': 'HostName, Port, User, IdentityFile, IdentitiesOnly and ProxyJump are taken over.',
  'import.import': '{count, plural, one {Import # host} other {Import # hosts}}',

  // Command journal
  'journal.title': 'Command journal',
  'journal.host': 'Host',
  'journal.showOf': 'Show commands of',
  'journal.allHosts': 'All hosts',
  'journal.reload': 'Reload',
  'journal.copyScript': 'Copy as shell script',
  'journal.export': 'Export journal…',
  'journal.downloaded': 'Downloaded.',
  'journal.savedTo': 'Saved to {path}.',
  'journal.noClipboard': 'The clipboard is not available here; select the script and copy it:',
  'journal.time': 'Time',
  'journal.command': 'Command',
  'journal.exit': 'Exit',
  'journal.took': 'Took',
  'journal.stdin': ' + {count, plural, one {# byte} other {# bytes}} on stdin',
  'journal.streamEnded': 'Event stream {how}',
  'journal.loading': 'Loading…',
  'journal.empty': 'No command has run yet.',

  // Outline
  'outline.label': 'Outline',
  'outline.count': '{shown} of {total}',
  'outline.search': 'Search objects',
  'outline.searchHint': 'Search objects by name or state (Enter: next match on the graph)',
  'outline.showKinds': 'Show kinds',
  'outline.hideKind': 'Hide {kinds}',
  'outline.showKind': 'Show {kinds}',
  'outline.objects': 'Objects',
  'outline.nothingOpen': 'Nothing open.',
  'outline.noMatch': 'No object matches the filter.',

  // How the journal shows a command
  'journal.closed': 'closed',
  'journal.didNotFinish': 'did not finish',
  'journal.didNotFinishWhy': 'did not finish ({why})',
  'journal.exitCode': 'exit {code}',
  'journal.extent': 'Showing the last {shown, plural, one {# command} other {# commands}} of at most {limit, number} kept.',
  'journal.extentDropped': 'Showing the last {shown, plural, one {# command} other {# commands}} of at most {limit, number} kept; {dropped, plural, one {# older one was} other {# older ones were}} dropped.',

  // NIC properties dialog
  'nicProps.title': 'Properties of NIC {mac} of “{vm}”',
  'nicProps.notRead': 'VirtWire has not read this NIC\'s XML; refresh the host (Ctrl+R) and try again.',
  'nicProps.model': 'Model',
  'nicProps.link': 'Link',
  'nicProps.linkUp': 'up',
  'nicProps.linkDown': 'down',
  'nicProps.inbound': 'Inbound limit',
  'nicProps.outbound': 'Outbound limit',
  'nicProps.inboundAverage': 'Inbound average (kB/s)',
  'nicProps.inboundPeak': 'Inbound peak (kB/s)',
  'nicProps.inboundBurst': 'Inbound burst (kB)',
  'nicProps.outboundAverage': 'Outbound average (kB/s)',
  'nicProps.outboundPeak': 'Outbound peak (kB/s)',
  'nicProps.outboundBurst': 'Outbound burst (kB)',
  'nicProps.average': 'average',
  'nicProps.peak': 'peak',
  'nicProps.burst': 'burst',
  'nicProps.units': 'Average and peak in kilobytes per second, burst in kilobytes; an empty average means no limit.',
  'nicProps.mtu': 'MTU',
  'nicProps.default': 'default',
  'nicProps.vlan': 'VLAN tags',
  'nicProps.vlanHint': '42, or 42,48 for a trunk',
  'nicProps.mode': 'macvtap mode',
  'nicProps.noChange': 'Change a field to see when it takes effect.',
  'nicProps.now': 'now, on the running VM and in its definition',
  'nicProps.nextBoot': 'at the VM\'s next boot: libvirt cannot change it on a running VM, so only its definition changes now',
  'nicProps.nextStart': 'when the VM next starts (it is not running)',
  'nicProps.preview': 'Preview…',
} as const satisfies Record<string, string>;

export const en = { ...core, ...appEn, ...graphEn, ...detailsEn, ...cliEn, ...planEn, ...checksEn, ...desktopEn } as const;

export type MessageKey = keyof typeof en;
