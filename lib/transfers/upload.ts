import { ApiRequestError, CSRF_HEADER } from '../api-client';
import { errorCodes, type ApiError } from '../protocol/error-codes';
import type { TaskSummary } from '../protocol/tasks';

/**
 * Uploads a body (a File, or a Blob made of files: never read into memory here) with progress, as
 * fetch cannot report upload progress. Resolves with the task the server started.
 */
export function uploadForTask(url: string, body: Blob, contentType: string, onProgress: (sent: number, total: number) => void, signal?: AbortSignal): Promise<TaskSummary> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader(CSRF_HEADER, '1');
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : body.size);
    xhr.onload = () => {
      let data: unknown;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as TaskSummary);
      const err = data as Partial<ApiError> | undefined;
      const known = typeof err?.message === 'string' && (errorCodes as readonly string[]).includes(err.code ?? '');
      reject(known ? new ApiRequestError(xhr.status, err!.code!, err!.message!) : new ApiRequestError(xhr.status, 'internal', `The server answered ${xhr.status}.`));
    };
    xhr.onerror = () => reject(new ApiRequestError(0, 'internal', 'The upload did not get through: the connection closed (the server may have refused it, or it went away).'));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}
