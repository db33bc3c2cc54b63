import { expect, type Locator, type Page } from '@playwright/test';

/** The container list, as a person sees it: rows by name, their state, their buttons. */
export class ContainersPage {
  constructor(readonly page: Page) {}

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/containers${query}`);
    await expect(this.page.getByRole('heading', { name: 'Containers', exact: true })).toBeVisible();
  }

  /**
   * The row a person sees. Visible ones only: the page streams its first rows with the HTML, and for a
   * moment after a full load React can hold the streamed copy in a hidden `<div hidden id="S:…">`
   * beside the row it rendered (seen once in CI as a strict-mode "resolved to 2 elements").
   */
  row(name: string): Locator {
    return this.page.locator(`[role=row][data-container-name="${name}"]`).filter({ visible: true });
  }

  state(name: string): Locator {
    return this.row(name).getByTestId('state');
  }

  async expectState(name: string, state: string): Promise<void> {
    await expect(this.state(name)).toHaveAttribute('data-state', state);
  }

  search(): Locator {
    return this.page.getByRole('searchbox', { name: /search containers/i });
  }

  async rowAction(name: string, verb: string): Promise<void> {
    const inline = this.row(name).getByRole('button', { name: `${verb} ${name}`, exact: true });
    if (await inline.count()) {
      await inline.click();
      return;
    }
    await this.row(name).getByRole('button', { name: `More actions for ${name}` }).click();
    await this.page.getByRole('menuitem', { name: `${verb}…` }).click();
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }
}
