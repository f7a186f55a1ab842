/** A pg client inside BEGIN … COMMIT. */
export interface Tx {
  // `any` matches pg's own QueryResult rows, so handlers read columns without casts.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(sql: string, params?: unknown[]): Promise<{ rows: any[]; rowCount: number | null }>;
}
