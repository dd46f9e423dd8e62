/** Fixed-capacity FIFO: keeps the newest `capacity` items so a long benchmark run cannot grow memory. */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private length = 0;
  private droppedCount = 0;

  constructor(readonly capacity: number) {
    if (capacity < 1) throw new Error('ring buffer capacity must be at least 1');
    this.items = new Array<T | undefined>(capacity);
  }

  push(item: T): void {
    if (this.length < this.capacity) {
      this.items[(this.start + this.length) % this.capacity] = item;
      this.length++;
      return;
    }
    this.items[this.start] = item;
    this.start = (this.start + 1) % this.capacity;
    this.droppedCount++;
  }

  /** Items oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.items[(this.start + i) % this.capacity] as T);
    return out;
  }

  get size(): number {
    return this.length;
  }

  /** How many items were pushed out since the last clear. */
  get dropped(): number {
    return this.droppedCount;
  }

  clear(): void {
    this.items.fill(undefined);
    this.start = 0;
    this.length = 0;
    this.droppedCount = 0;
  }
}
