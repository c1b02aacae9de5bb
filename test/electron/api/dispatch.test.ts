import { describe, expect, it, vi } from 'vitest';
import type { VirtWireApi } from '../../../shared/api/index.ts';
import { ApiError } from '../../../shared/errors.ts';
import { demoTopology } from '../../../shared/topology/demo.ts';
import { createDispatcher } from '../../../electron/api/dispatch.ts';

const info = { name: 'VirtWire', version: '0.1.0', mode: 'browser' as const, platform: 'linux' };

/** Only the methods a test needs; the dispatcher must not reach any other. */
function fakeServices(files: Partial<VirtWireApi['files']> = {}): VirtWireApi {
  return { app: { getInfo: async () => info }, files } as unknown as VirtWireApi;
}

describe('dispatcher', () => {
  it('calls the service and returns its value', async () => {
    const dispatcher = createDispatcher(fakeServices());
    await expect(dispatcher.call('app.getInfo', {})).resolves.toEqual({ ok: true, value: info });
  });

  it.each(['app.nothing', 'files', 'toString', '__proto__.constructor', 'files.open.call', ''])(
    'rejects the unknown method %j with invalid-input',
    async (method) => {
      const result = await createDispatcher(fakeServices()).call(method, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    },
  );

  it.each([
    ['a missing argument', 'files.save', undefined],
    ['a wrong type', 'files.open', { path: 42 }],
    ['an extra key', 'app.getInfo', { extra: true }],
    ['an invalid topology', 'files.save', { path: '/x.json', topology: { nodes: 'no' } }],
  ])('rejects %s with invalid-input before the service runs', async (_what, method, arg) => {
    const save = vi.fn();
    const result = await createDispatcher(fakeServices({ save })).call(method, arg);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(save).not.toHaveBeenCalled();
  });

  it('passes the validated argument to the service', async () => {
    const save = vi.fn(async ({ path }: { path: string }) => ({ path }));
    const result = await createDispatcher(fakeServices({ save })).call('files.save', { path: '/x.json', topology: demoTopology() });
    expect(result).toEqual({ ok: true, value: { path: '/x.json' } });
    expect(save).toHaveBeenCalledWith({ path: '/x.json', topology: demoTopology() });
  });

  it('returns an ApiError as its plain data', async () => {
    const open = async () => {
      throw new ApiError('not-found', 'There is no file at /x.', 'ENOENT', { path: '/x' });
    };
    const result = await createDispatcher(fakeServices({ open })).call('files.open', { path: '/x' });
    expect(result).toEqual({ ok: false, error: { code: 'not-found', message: 'There is no file at /x.', detail: 'ENOENT', data: { path: '/x' } } });
  });

  it('turns any other error into internal, with no stack, and reports it to the backend', async () => {
    const bug = new TypeError('cannot read x of undefined');
    const seen = vi.fn();
    const open = async () => {
      throw bug;
    };
    const result = await createDispatcher(fakeServices({ open }), seen).call('files.open', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', detail: 'cannot read x of undefined' } });
    expect(JSON.stringify(result)).not.toMatch(/at .*dispatch/);
    expect(seen).toHaveBeenCalledWith(bug);
  });
});
