// The benchmark list, explicit: each entry is one file in this folder.
export type Bench = { name: string; description: string; run: () => Promise<void> };

export const benches: Bench[] = [];
