import { expect, type Locator, type Page } from '@playwright/test';

/** The React Flow canvas of the open journey, with its palette. */
export class CanvasPage {
  readonly root: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('canvas');
  }

  node(id: string): Locator {
    return this.page.getByTestId(`node-${id}`);
  }

  /** Every card on the canvas. */
  nodes(): Locator {
    return this.root.locator('.react-flow__node');
  }

  output(nodeId: string, outputId: string): Locator {
    return this.page.getByTestId(`output-${nodeId}-${outputId}`);
  }

  handle(nodeId: string, handle: string): Locator {
    return this.page.getByTestId(`handle-${nodeId}-${handle}`);
  }

  badge(nodeId: string): Locator {
    return this.page.getByTestId(`badge-${nodeId}`);
  }

  edges(): Locator {
    return this.root.locator('.react-flow__edge');
  }

  /** Zooms out (or in) until the whole journey is on screen, as the "fit view" button does. */
  async fitView(): Promise<void> {
    await this.root.getByRole('button', { name: /fit view/i }).click();
  }

  /** Clicks a palette item: adds the step after the selected one, or in the middle of the view. */
  async add(type: string): Promise<void> {
    await this.page.getByTestId(`palette-${type}`).click();
  }

  /** Drags a palette item onto the canvas at a point of the canvas (in pixels from its top-left). */
  async dragFromPalette(type: string, at: { x: number; y: number }): Promise<void> {
    await this.page
      .getByTestId(`palette-${type}`)
      .dragTo(this.root.locator('.react-flow__pane'), { targetPosition: at });
  }

  /** Selects a card by clicking it, scrolling the canvas first when the card is off screen. */
  async select(id: string): Promise<void> {
    await this.bringIntoView([id]);
    await this.node(id).click();
    await expect(this.page.getByTestId('inspector')).toHaveAttribute('data-node-id', id);
  }

  /** True when the whole card is inside the canvas's visible area, clear of the minimap. */
  async isOnScreen(id: string): Promise<boolean> {
    const box = await this.node(id).boundingBox();
    const view = await this.root.boundingBox();
    const minimap = await this.minimapBox();
    if (!box || !view) return false;
    const inside =
      box.x >= view.x &&
      box.y >= view.y &&
      box.x + box.width <= view.x + view.width &&
      box.y + box.height <= view.y + view.height;
    const underMinimap =
      !!minimap &&
      box.x + box.width > minimap.x &&
      box.y + box.height > minimap.y &&
      box.x < minimap.x + minimap.width &&
      box.y < minimap.y + minimap.height;
    return inside && !underMinimap;
  }

  /** The canvas's zoom now (1 is full size). */
  async zoom(): Promise<number> {
    return this.root
      .locator('.react-flow__viewport')
      .evaluate((element) => new DOMMatrix(getComputedStyle(element).transform).a);
  }

  /** Where the overview is, or null when it is folded away. */
  private async minimapBox() {
    const minimap = this.root.locator('.react-flow__minimap');
    return (await minimap.count()) > 0 ? minimap.boundingBox() : null;
  }

  /** True when the overview is shown on top of any card. */
  async minimapCoversACard(): Promise<boolean> {
    const minimap = await this.minimapBox();
    if (!minimap) return false;
    const cards = await this.nodes().evaluateAll((elements) =>
      elements.map((element) => {
        const box = element.getBoundingClientRect();
        return { x: box.x, y: box.y, width: box.width, height: box.height };
      }),
    );
    return cards.some(
      (card) =>
        card.x < minimap.x + minimap.width &&
        minimap.x < card.x + card.width &&
        card.y < minimap.y + minimap.height &&
        minimap.y < card.y + card.height,
    );
  }

  /** Scrolls the canvas (as a trackpad would) until the cards are on screen, centred between them. */
  async bringIntoView(ids: string[]): Promise<void> {
    for (let attempt = 0; attempt < 4; attempt++) {
      // Judged where the view comes to rest: a card seen mid-glide may end under the sidebar.
      await this.viewAtRest();
      const visible = await Promise.all(ids.map((id) => this.isOnScreen(id)));
      if (visible.every(Boolean)) return;
      const boxes = await Promise.all(ids.map((id) => this.node(id).boundingBox()));
      const view = await this.root.boundingBox();
      if (!view || boxes.some((box) => !box)) throw new Error(`cannot find ${ids.join(', ')}`);
      const xs = boxes.flatMap((box) => (box ? [box.x, box.x + box.width] : []));
      const ys = boxes.flatMap((box) => (box ? [box.y, box.y + box.height] : []));
      const middle = { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
      const centre = { x: view.x + view.width * 0.45, y: view.y + view.height * 0.4 };
      await this.page.mouse.move(centre.x, centre.y);
      // React Flow pans by half the wheel distance.
      await this.page.mouse.wheel((middle.x - centre.x) * 2, (middle.y - centre.y) * 2);
      await expect.poll(async () => (await this.node(ids[0] as string).boundingBox())?.y).not.toBe(boxes[0]?.y);
    }
  }

  /** Waits until the view has stopped gliding (a fit or a pan animating): the same transform two frames apart. */
  async viewAtRest(): Promise<void> {
    const viewport = this.root.locator('.react-flow__viewport');
    await expect
      .poll(() =>
        viewport.evaluate(async (element) => {
          const before = getComputedStyle(element).transform;
          await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
          return getComputedStyle(element).transform === before;
        }),
      )
      .toBe(true);
  }

  /** Hovers a connection and inserts a step of `type` with its "+". */
  async insertOn(edgeId: string, type: string): Promise<void> {
    const edge = this.root.locator(`.react-flow__edge[data-id="${edgeId}"]`);
    const box = await edge.boundingBox();
    if (!box) throw new Error(`${edgeId} is not on screen`);
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.getByTestId(`insert-on-${edgeId}`).click();
    await this.page.getByTestId(`insert-${type}`).click();
  }

  /** Clicks a connection on its line, where neither its handles nor its "+" (at the middle) cover it. */
  async clickEdge(edgeId: string): Promise<void> {
    const line = this.root.locator(`.react-flow__edge[data-id="${edgeId}"] .react-flow__edge-interaction`);
    // Where a person would click: a point of the line that nothing covers (a short connection is mostly
    // under its two handles and its "+"), once the view has stopped gliding (the same two frames apart).
    const settledPoint = () =>
      line.evaluate(async (path: SVGPathElement) => {
        const edge = path.closest('.react-flow__edge');
        const pointAt = (fraction: number) => {
          const at = path.getPointAtLength(path.getTotalLength() * fraction);
          const matrix = path.getScreenCTM() as DOMMatrix;
          return { x: Math.round(at.x * matrix.a + matrix.e), y: Math.round(at.y * matrix.d + matrix.f) };
        };
        const read = () => {
          for (const fraction of [0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 0.1, 0.9]) {
            const point = pointAt(fraction);
            if (document.elementFromPoint(point.x, point.y)?.closest('.react-flow__edge') === edge) return point;
          }
          return null;
        };
        const before = read();
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        const after = read();
        return before && after && before.x === after.x && before.y === after.y ? after : null;
      });
    // A click can land as the pointer first reaches the line and its hover "+" appears under it;
    // a person whose click did not take clicks again, so this checks the selection and does too.
    for (let attempt = 1; ; attempt++) {
      // Off the canvas first: a hovered connection shows its "+", which could cover a short line.
      await this.page.mouse.move(1, 1);
      let point: { x: number; y: number } | null = null;
      await expect
        .poll(async () => {
          point = await settledPoint();
          return point !== null;
        })
        .toBe(true);
      if (!point) throw new Error(`edge ${edgeId} never came to rest`);
      const { x, y } = point;
      await this.page.mouse.click(x, y);
      try {
        await expect(this.page.getByTestId('inspector')).toHaveAttribute('data-edge-id', edgeId, { timeout: 3000 });
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }

  /** Drags from an output handle to a card's input with the mouse, as a person would. */
  async connect(fromNode: string, output: string, toNode: string): Promise<void> {
    await this.bringIntoView([fromNode, toNode]);
    const from = await this.handle(fromNode, output).boundingBox();
    const to = await this.handle(toNode, 'in').boundingBox();
    if (!from || !to) throw new Error('handle not on screen');
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await this.page.mouse.up();
  }

  /** Drags a card by `by` pixels with the mouse. */
  async move(id: string, by: { x: number; y: number }): Promise<void> {
    const box = await this.node(id).locator('.node-card__header').boundingBox();
    if (!box) throw new Error(`${id} is not on screen`);
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + by.x, y + by.y, { steps: 8 });
    await this.page.mouse.up();
  }

  /** The card's position as stored in the journey (React Flow's transform). */
  async position(id: string): Promise<{ x: number; y: number }> {
    const transform = await this.page
      .locator(`.react-flow__node[data-id="${id}"]`)
      .evaluate((el) => (el as HTMLElement).style.transform);
    const match = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(transform);
    if (!match) throw new Error(`no position for ${id}: ${transform}`);
    return { x: Number(match[1]), y: Number(match[2]) };
  }
}
