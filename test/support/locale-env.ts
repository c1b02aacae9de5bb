// The environment of a spawned `virtwire` with its language set: the locale variables of the
// shell that runs the tests (a developer's zh_TW.UTF-8, say) are dropped, then `locale` set.
const LOCALE_VARIABLES = ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE'];

export function withLocale(env: NodeJS.ProcessEnv, locale: Record<string, string> = { LANG: 'C' }): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const name of LOCALE_VARIABLES) delete out[name];
  return { ...out, ...locale };
}
