export interface APIResponse<Data> {
  data: Data;
  response: Response;
  /** `x-request-id`, else the vendor's id from the body (descriptor.requestIdFromBody). */
  requestId: string | undefined;
}

/** A Promise of the data that can also give the raw Response and the request id. */
export interface APIPromise<Data> extends Promise<Data> {
  withResponse(): Promise<APIResponse<Data>>;
}

export function createAPIPromise<Data>(result: Promise<APIResponse<Data>>): APIPromise<Data> {
  const data = result.then((value) => value.data);
  // A caller that uses only withResponse() never awaits `data`; without this its rejection would be reported as
  // unhandled. Awaiting `data` still rejects as usual.
  data.catch(() => undefined);
  return Object.assign(data, { withResponse: () => result });
}
