/**
 * The store's own error vocabulary (apiserver `pkg/storage/errors.go`); the registry turns these into
 * API errors at its boundary.
 */
export type StorageErrorCode = 'KeyNotFound' | 'KeyExists' | 'ResourceVersionConflict' | 'PreconditionFailed' | 'TooOldResourceVersion';

/** An error raised by the store. */
export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    readonly key: string,
    message: string,
    /** For TooOldResourceVersion: the oldest version the history can still replay from. */
    readonly oldest?: number,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

export const keyNotFound = (key: string): StorageError => new StorageError('KeyNotFound', key, `key not found: ${key}`);
export const keyExists = (key: string): StorageError => new StorageError('KeyExists', key, `key exists: ${key}`);
export const resourceVersionConflict = (key: string, detail: string): StorageError =>
  new StorageError('ResourceVersionConflict', key, detail);
export const preconditionFailed = (key: string, detail: string): StorageError => new StorageError('PreconditionFailed', key, detail);
export const tooOldResourceVersion = (requested: number, oldest: number): StorageError =>
  new StorageError('TooOldResourceVersion', '', `too old resource version: ${requested} (${oldest})`, oldest);

/** Whether `e` is a StorageError with the given code. */
export const isStorageError = (e: unknown, code: StorageErrorCode): e is StorageError => e instanceof StorageError && e.code === code;
