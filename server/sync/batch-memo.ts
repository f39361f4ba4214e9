/**
 * Facts a push batch has looked up or written that cannot change before it commits — an order
 * exists, a user exists, a return's store and order — so the next mutation of the batch does not
 * ask the database again. Only facts about rows never deleted and fields never updated go in
 * (rules/context.ts `memo`). Two levels, like the batch's savepoints: what the mutation being
 * applied learnt is kept only if it stands; a rolled-back mutation may have seen its own writes.
 */
export class BatchMemo {
  private readonly batch = new Map<string, unknown>();
  private mutation = new Map<string, unknown>();

  get<T>(key: string): T | undefined {
    return (this.mutation.get(key) ?? this.batch.get(key)) as T | undefined;
  }

  set(key: string, value: unknown): void {
    this.mutation.set(key, value);
  }

  commitMutation(): void {
    for (const [key, value] of this.mutation) this.batch.set(key, value);
    this.mutation = new Map();
  }

  discardMutation(): void {
    this.mutation = new Map();
  }
}
