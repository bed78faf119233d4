// Group commit: work submitted while a batch of the same key is running waits, and the waiting
// items then go together in the next batch — one round trip, one transaction, one WAL flush for
// many instead of one each. Alone, an item runs at once. Each item still gets its own outcome.

/** What a batch answers for one of its items. */
export type Outcome<Result> = { value: Result } | { error: unknown };

interface Waiting<Item, Result> {
  item: Item;
  resolve: (value: Result) => void;
  reject: (error: unknown) => void;
}

export class BatchQueue<Item, Result> {
  private readonly waiting = new Map<string, Waiting<Item, Result>[]>();

  /**
   * `run` answers one outcome per item, in order; when it throws, the batch failed as a whole (a
   * lost connection, a statement one item made fail) and every item is run again on its own, so one
   * bad item cannot fail the others.
   */
  constructor(
    private readonly run: (items: Item[]) => Promise<Outcome<Result>[]>,
    private readonly maxBatch: number,
  ) {}

  submit(key: string, item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      const queue = this.waiting.get(key);
      if (queue) {
        queue.push({ item, resolve, reject });
        return;
      }
      const started = [{ item, resolve, reject }];
      this.waiting.set(key, started);
      void this.drain(key, started);
    });
  }

  /** Runs the key's queue until it is empty; whoever submits meanwhile joins the next batch. */
  private async drain(key: string, queue: Waiting<Item, Result>[]): Promise<void> {
    try {
      while (queue.length > 0) await this.settle(queue.splice(0, this.maxBatch));
    } finally {
      this.waiting.delete(key);
    }
  }

  private async settle(batch: Waiting<Item, Result>[]): Promise<void> {
    let outcomes: Outcome<Result>[];
    try {
      outcomes = await this.run(batch.map((waiting) => waiting.item));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const waiting of batch) await this.settle([waiting]);
      return;
    }
    batch.forEach((waiting, index) => {
      const outcome = outcomes[index]!;
      if ("value" in outcome) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }
}
