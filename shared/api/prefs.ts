// The user's preferences: one JSON file in the app's data folder (the Electron app and browser
// mode share it), so a choice made in either lasts across restarts.
import { z } from 'zod';
import { LOCALES } from '../i18n/index.ts';

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
/** 'system' follows the OS (Electron's locale, the browser's languages); or one of the catalogue's languages. */
export const LANGUAGE_CHOICES = ['system', ...LOCALES] as const;
/** The NIC models the Preferences dialog offers for new NICs (libvirt's names). */
export const NIC_MODELS = ['virtio', 'e1000e', 'e1000', 'rtl8139', 'vmxnet3'] as const;
export const HOST_KEY_POLICIES = ['ask', 'accept-new'] as const;

export interface Preferences {
  theme: (typeof THEME_CHOICES)[number];
  language: (typeof LANGUAGE_CHOICES)[number];
  /** apply non-destructive changes without showing the preview first */
  skipPreview: boolean;
  /** the model of a NIC attached without one named (a drag onto a network or bridge) */
  defaultNicModel: (typeof NIC_MODELS)[number];
  /** what a new host profile starts with: ask about an unknown host key, or accept and record it */
  hostKeyPolicy: (typeof HOST_KEY_POLICIES)[number];
  /** ask before closing the window or tab with unsaved changes */
  confirmBeforeClose: boolean;
}

export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({
  theme: 'system',
  language: 'system',
  skipPreview: false,
  defaultNicModel: 'virtio',
  hostKeyPolicy: 'ask',
  confirmBeforeClose: true,
});

const fields = {
  theme: z.enum(THEME_CHOICES),
  language: z.enum(LANGUAGE_CHOICES),
  skipPreview: z.boolean(),
  defaultNicModel: z.enum(NIC_MODELS),
  hostKeyPolicy: z.enum(HOST_KEY_POLICIES),
  confirmBeforeClose: z.boolean(),
};

export const preferencesSchema: z.ZodType<Preferences> = z.object(fields).strict();

/** What prefs.get and prefs.importBrowserSettings answer. */
export const preferencesStateSchema: z.ZodType<PreferencesState> = z
  .object({ preferences: preferencesSchema, path: z.string().min(1), imported: z.boolean(), problem: z.string().optional() })
  .strict();

/** A change to some preferences; what it leaves out stays as it is. */
export const preferencesChangeSchema = z.object(fields).partial().strict();

/** The settings the page kept in localStorage before there was a preferences file. */
export interface BrowserSettings {
  theme?: 'light' | 'dark';
  skipPreview?: boolean;
}

export interface PreferencesState {
  preferences: Preferences;
  /** where the file is, for the dialog to say */
  path: string;
  /** the page's old localStorage settings were taken over once; it need not offer them again */
  imported: boolean;
  /** the file could not be read and was set aside (`path`.bad); the defaults apply. In the user's words. */
  problem?: string;
}

export interface PrefsApi {
  get(arg: Record<string, never>): Promise<PreferencesState>;
  /** Changes some preferences and writes the file; resolves to all of them as stored. */
  set(arg: { changes: Partial<Preferences> }): Promise<Preferences>;
  /**
   * Takes over the settings the page kept in localStorage, once: after the first import (or
   * when there was nothing to import) later calls change nothing.
   */
  importBrowserSettings(arg: { settings: BrowserSettings }): Promise<PreferencesState>;
}

export const prefsSchemas = {
  get: z.object({}).strict(),
  set: z.object({ changes: preferencesChangeSchema }).strict(),
  importBrowserSettings: z
    .object({ settings: z.object({ theme: z.enum(['light', 'dark']).optional(), skipPreview: z.boolean().optional() }).strict() })
    .strict(),
};

/**
 * The file as read: every field optional (a missing one takes its default, so a file written
 * by an older version still reads), a wrong value is an error; keys this version does not know
 * are kept and written back untouched.
 */
export const preferencesFileSchema = z.looseObject({
  version: z.literal(1),
  imported: z.boolean().optional(),
  preferences: z.looseObject(fields).partial(),
});
