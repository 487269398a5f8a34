/**
 * What the officer's viewer keeps besides the log: the views it opened (so a leaked copy can be
 * traced to its view, and a return to the front is the same view), the reveals of protected photos
 * with their sealed reasons, and which deliveries a viewer holds (the disclosure index the log keeps).
 */

/** One view an officer opened in the viewer. */
export interface ViewerView {
  /** The view id: random, carried by the trace mark. */
  readonly viewId: string;
  readonly at: number;
  readonly officerId: string;
  readonly agencyId: string;
  readonly purposeId: string;
  readonly grantId: string;
  readonly recordType: string;
  /** The delivery the view opened (its entry in the disclosure index names the persons, hashed). */
  readonly disclosureId: string;
  /** Index of the view's entry in the tamper-evident log. */
  readonly logIndex: number;
  /** When the viewer said its window left the front (gateway clock, Unix seconds); null when not hidden. */
  readonly hiddenSince?: number | null;
}

/** A reveal of a protected photo from a view, on the log at `logIndex`; its reason already sealed at `keyVersion`. */
export interface NewReveal {
  readonly id: string;
  readonly at: number;
  readonly viewId: string;
  readonly officerId: string;
  readonly grantId: string;
  /** A hash naming the photo (never the photo's reference itself). */
  readonly mediaHash: string;
  /** The officer's reason, sealed (it may name people). */
  readonly reason: string;
  readonly keyVersion: number;
  readonly logIndex: number;
}

/** The viewer's views and reveals, and the deliveries it may open. */
export interface ViewerStore {
  /**
   * The record type of delivery `disclosureId` when it was disclosed (outcome `disclosed`) to
   * `clientId` under `grantId`; null otherwise — for another client, another grant, a refusal, or a
   * delivery the index does not hold yet (it trails the log: flush it and ask again).
   */
  deliveredRecordType(disclosureId: string, clientId: string, grantId: string): Promise<string | null>;
  /** Keeps a new view (not hidden). A view id already taken is refused (throws) and nothing changes. */
  addView(view: ViewerView): Promise<void>;
  /** View `viewId`, or null. */
  view(viewId: string): Promise<ViewerView | null>;
  /**
   * Marks view `viewId` hidden since `at` unless it already is hidden (the first moment counts), in
   * one conditional write; returns the moment it is hidden since (`at` for a view that does not exist).
   */
  markHidden(viewId: string, at: number): Promise<number>;
  /**
   * Takes the hide of view `viewId` that began at `hiddenSince`: clears it only while it is still that
   * one (a conditional write), so of two returns racing for one hide exactly one takes it. Whether
   * this call took it.
   */
  takeReturn(viewId: string, hiddenSince: number): Promise<boolean>;
  /** Keeps a reveal. An id already taken is refused (throws) and nothing changes. */
  addReveal(reveal: NewReveal): Promise<void>;
}
