// The user's host profiles, kept in one JSON file in the app's config folder. Every change is
// written atomically (temporary file + rename), so a crash never leaves half a file.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { hostProfileSchema, type HostProfile, type NewHostProfile } from '../../shared/api/hosts.ts';
import { ApiError } from '../../shared/errors.ts';

export const DEFAULT_LIBVIRT_URI = 'qemu:///system';

const fileSchema = z.object({ version: z.literal(1), hosts: z.array(hostProfileSchema) });

export class HostProfiles {
  readonly #file: string;
  #hosts: HostProfile[] | null = null;

  constructor(file: string) {
    this.#file = file;
  }

  async list(): Promise<HostProfile[]> {
    return structuredClone(await this.#load());
  }

  async get(id: string): Promise<HostProfile> {
    const found = (await this.#load()).find((h) => h.id === id);
    if (!found) throw new ApiError('not-found', 'That host is not in the list any more.', undefined, { id });
    return structuredClone(found);
  }

  async add(profile: NewHostProfile): Promise<HostProfile> {
    const hosts = await this.#load();
    const added = { ...structuredClone(profile), id: randomUUID() };
    await this.#save([...hosts, added]);
    return structuredClone(added);
  }

  async update(profile: HostProfile): Promise<HostProfile> {
    const hosts = await this.#load();
    await this.get(profile.id);
    await this.#save(hosts.map((h) => (h.id === profile.id ? structuredClone(profile) : h)));
    return structuredClone(profile);
  }

  async remove(id: string): Promise<void> {
    const hosts = await this.#load();
    await this.get(id);
    await this.#save(hosts.filter((h) => h.id !== id));
  }

  /** `ids` must name every profile exactly once. */
  async reorder(ids: string[]): Promise<HostProfile[]> {
    const hosts = await this.#load();
    const byId = new Map(hosts.map((h) => [h.id, h]));
    if (ids.length !== hosts.length || new Set(ids).size !== ids.length || !ids.every((id) => byId.has(id))) {
      throw new ApiError('invalid-input', 'The new order must list every host exactly once.');
    }
    await this.#save(ids.map((id) => byId.get(id) as HostProfile));
    return this.list();
  }

  async #load(): Promise<HostProfile[]> {
    if (this.#hosts) return this.#hosts;
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new ApiError('io', `The host list ${this.#file} cannot be read.`, (error as Error).message);
      }
      this.#hosts = [];
      return this.#hosts;
    }
    let parsed: z.infer<typeof fileSchema>;
    try {
      parsed = fileSchema.parse(JSON.parse(text));
    } catch (error) {
      throw new ApiError('invalid-file', `The host list ${this.#file} is damaged; it was left as it is.`, (error as Error).message);
    }
    this.#hosts = parsed.hosts;
    return this.#hosts;
  }

  async #save(hosts: HostProfile[]): Promise<void> {
    await mkdir(dirname(this.#file), { recursive: true, mode: 0o700 });
    const temporary = `${this.#file}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(temporary, `${JSON.stringify({ version: 1, hosts }, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, this.#file);
    this.#hosts = hosts;
  }
}
