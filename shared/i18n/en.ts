// English: the catalogue every other language is checked against (same keys, same arguments).
// ICU MessageFormat: {name} is an argument, {count, plural, one {…} other {…}} chooses by number.
export const en = {
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
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof en;
