/**
 * <k8s-sandbox>: a terminal (and, on demand, an editor) wired to an emulated cluster in the
 * page's engine worker. The server renders the element's markup; this script brings it to life.
 * Its terminal takes keys from the first paint: the server renders an early terminal whose inline
 * script sets `data-ready` and keeps what is typed until xterm takes over. xterm and Monaco are
 * imported lazily so that the lesson text never waits for them, and the engine worker starts when
 * the learner first points at, focuses or types into the sandbox (or a Run button runs
 * something): commands typed before it is up wait for it.
 */
import type { EditFile, TaskCheck, TaskResult } from "../protocol.ts";
import type { EditorHost, YamlEditor } from "./editor/yaml-editor.ts";
import type { SandboxClient } from "./sandbox-client.ts";
import { startPersistentSandbox } from "./state/persistence.ts";
import { BANNER } from "./terminal/banner.ts";
import { earlyTerminalUsed, handOverEarlyTerminal } from "./terminal/early-terminal.ts";
import { bindScreenReaderToggle } from "./terminal/screen-reader-toggle.ts";
import type { TerminalSession } from "./terminal/terminal-session.ts";
import { bindTimeControls } from "./time-controls.ts";

let nextSeed = 1;

export class K8sSandbox extends HTMLElement {
  #session: TerminalSession | undefined;
  #editor: Promise<YamlEditor> | undefined;
  #editorModule: Promise<typeof import("./editor/yaml-editor.ts")> | undefined;
  #editorPreload: Promise<typeof import("./editor/editor-preload.ts")> | undefined;
  #client: SandboxClient | undefined;
  #stopPicture: Promise<() => void> | undefined;
  /** Whether the engine should start as soon as its client exists (see wake()). */
  #wanted = false;
  /** Commands asked for before the terminal was ready; run once it is. */
  readonly #queued: string[] = [];
  /** Resolves once the client and terminal exist (lesson checklists wait for it). */
  #markStarted!: (started: { client: SandboxClient; session: TerminalSession }) => void;
  readonly #started = new Promise<{ client: SandboxClient; session: TerminalSession }>((resolve) => {
    this.#markStarted = resolve;
  });

  async connectedCallback(): Promise<void> {
    if (this.#session) return;
    const terminalHost = this.querySelector<HTMLElement>("[data-terminal]")!;
    const status = this.querySelector<HTMLElement>("[data-status]");
    const editorToggle = this.querySelector<HTMLButtonElement>("[data-editor-toggle]");
    editorToggle?.addEventListener("click", () => this.#toggleEditor(editorToggle));
    // Pointing at or focusing the Editor button starts loading Monaco: less is left after the click.
    for (const type of ["pointerenter", "focus"])
      editorToggle?.addEventListener(type, () => this.#importEditor().catch(() => undefined), { once: true });
    const clusterToggle = this.querySelector<HTMLButtonElement>("[data-cluster-toggle]");
    clusterToggle?.addEventListener("click", () => this.#toggleCluster(clusterToggle));

    // The learner reaching for the sandbox starts the engine, so that it is up by the time a
    // command has been typed: from the moment the engine's client exists if the early terminal
    // was used before this script ran.
    if (earlyTerminalUsed(terminalHost)) this.#wanted = true;
    for (const type of ["pointerenter", "pointerdown", "focusin", "keydown"])
      this.addEventListener(type, () => this.wake(), { once: true });

    try {
      // xterm loads while saved state is read.
      const terminalModule = import("./terminal/create-terminal.ts");
      // Restores what this page saved last (or a shared link's sandbox) and keeps it saved.
      const { client, session } = await startPersistentSandbox({
        root: this,
        terminalHost,
        page: this.dataset.page ?? location.pathname,
        scenario: this.dataset.scenario ?? "default",
        seed: nextSeed++,
        banner: BANNER,
        createTerminal: async (host, client) => (await terminalModule).createTerminal(host, client),
        onClient: (client) => {
          this.#client = client;
          if (this.#wanted) this.wake();
        },
      });
      this.#session = session;
      this.#markStarted({ client, session });
      bindTimeControls(this, client);
      const screenReaderToggle = this.querySelector<HTMLButtonElement>("[data-screen-reader-toggle]");
      if (screenReaderToggle) bindScreenReaderToggle(screenReaderToggle, session);
      void client.serveEdits((file) => this.#openEdit(file));
      // The early terminal (server-rendered, taking keys since the first paint) gives way once
      // xterm shows the same screen.
      await session.drawn();
      handOverEarlyTerminal(terminalHost, session);
      this.dataset.ready = "";
      for (const text of this.#queued.splice(0)) this.#session.typeAndRun(text);
      if (status) status.textContent = "Ready";
      void client.started.then(() => {
        if (status) status.textContent = "Cluster ready";
        // The offline cache waits for this before it fills (src/integrations/service-worker-register.js).
        this.dataset.clusterReady = "";
      });
    } catch (error) {
      if (status) status.textContent = "The sandbox could not start";
      terminalHost.textContent = `The sandbox could not start: ${String(error)}`;
      throw error;
    }
  }

  /**
   * The learner is reaching for the sandbox (pointing at or focusing it, or a Run button for it):
   * its engine starts now, or as soon as its client exists, rather than when a command runs.
   */
  wake(): void {
    this.#wanted = true;
    if (this.#client) void this.#client.start().catch(() => undefined);
  }

  /** Types commands into this sandbox's terminal and runs them, one line at a time. */
  run(text: string): void {
    // The engine first: its worker starts on its own thread while the terminal types the line.
    this.wake();
    if (this.#session) this.#session.typeAndRun(text);
    else this.#queued.push(text);
  }

  /** Lesson tasks: their check results now and after every change (see sandbox/ui/lesson/checklist.ts). */
  async watchTasks(tasks: TaskCheck[], onResults: (results: TaskResult[]) => void): Promise<() => void> {
    const { client } = await this.#started;
    return client.watchTasks(tasks, onResults);
  }

  /**
   * A checkpoint: a new sandbox from the page's scenario with `replay` (earlier tasks' solutions)
   * run in instant time, and the terminal started afresh with `notice`. Same seed, so every
   * learner gets the same cluster.
   */
  async startFrom(replay: string[], notice: string): Promise<void> {
    const { client, session } = await this.#started;
    const status = this.querySelector<HTMLElement>("[data-status]");
    if (status) status.textContent = "Restarting at a checkpoint…";
    delete this.dataset.ready;
    await client.replace({
      scenario: this.dataset.scenario ?? "default",
      startMs: Math.floor(Date.now() / 1000) * 1000,
      seed: 1,
      replay,
    });
    await session.idle();
    session.clear();
    // The notice goes in the banner, dimmed, above the first prompt.
    session.start(`${BANNER}\x1b[2m${notice}\x1b[0m\r\n\r\n`);
    this.dataset.ready = "";
    if (status) status.textContent = "Cluster ready";
  }

  /** Writes `content` to the workspace file `path` and shows it in the editor (YAML blocks' "Open in editor"). */
  async openInEditor(path: string, content: string): Promise<void> {
    const { client } = await this.#started;
    await client.writeFile(path, content);
    const toggle = this.querySelector<HTMLButtonElement>("[data-editor-toggle]");
    if (toggle && toggle.getAttribute("aria-expanded") !== "true") this.#togglePanel(toggle, "[data-editor]");
    const editor = await this.#loadEditor();
    await editor?.open(path);
  }

  #toggleEditor(toggle: HTMLButtonElement): void {
    const panel = this.#togglePanel(toggle, "[data-editor]");
    if (!panel.hidden) void this.#loadEditor();
  }

  /** The editor's module, Monaco with it: imported once, on intent or when the editor is needed. */
  #importEditor(): Promise<typeof import("./editor/yaml-editor.ts")> {
    this.#importEditorPreload().catch(() => undefined);
    this.#editorModule ??= import("./editor/yaml-editor.ts");
    return this.#editorModule;
  }

  /**
   * Monaco's stylesheet and the workspace reader, in a small chunk of their own that runs while the
   * browser still compiles Monaco's (the editor's module imports it too).
   */
  #importEditorPreload(): Promise<typeof import("./editor/editor-preload.ts")> {
    this.#editorPreload ??= import("./editor/editor-preload.ts");
    return this.#editorPreload;
  }

  /** Monaco and the editor, imported the first time the panel opens or `kubectl edit` needs them. */
  #loadEditor(): Promise<YamlEditor> | undefined {
    const client = this.#client;
    const panel = this.querySelector<HTMLElement>("[data-editor]");
    if (!client || !panel) return undefined;
    this.#editor ??= this.#mountEditor(panel, {
      listFiles: () => client.listFiles(),
      readFile: (path) => client.readFile(path),
      writeFile: (path, content) => client.writeFile(path, content),
      renameFile: (from, to) => client.renameFile(from, to),
      deleteFile: (path) => client.deleteFile(path),
      watchFiles: (onChange) => client.watchFiles(onChange),
      run: (command) =>
        new Promise((resolve) => {
          // Typed into the terminal like any command; its output is read back for markers.
          const stop = client.onCommandFinished((finished) => {
            if (finished.line.trim() !== command) return;
            stop();
            resolve(finished);
          });
          this.run(command);
        }),
    });
    return this.#editor;
  }

  /** Builds the editor in `panel`, its files read from the workspace while Monaco loads. */
  async #mountEditor(panel: HTMLElement, host: EditorHost): Promise<YamlEditor> {
    const editorModule = this.#importEditor();
    const { readEditableFiles } = await this.#importEditorPreload();
    const files = readEditableFiles(host);
    const { mountYamlEditor } = await editorModule;
    return mountYamlEditor(panel, host, files);
  }

  /** `kubectl edit` wants an editor: open the panel (loading Monaco if need be) with its file. */
  async #openEdit(file: EditFile): Promise<string | null> {
    const toggle = this.querySelector<HTMLButtonElement>("[data-editor-toggle]");
    if (toggle && toggle.getAttribute("aria-expanded") !== "true") this.#togglePanel(toggle, "[data-editor]");
    const editor = await this.#loadEditor();
    if (!editor) return null;
    const saved = editor.edit(file);
    // Ctrl-C ends kubectl edit without the editor's word: close its tab once the command is over.
    void this.#session?.idle().then(() => editor.closeEdits());
    return saved;
  }

  #toggleCluster(toggle: HTMLButtonElement): void {
    const panel = this.#togglePanel(toggle, "[data-cluster]");
    if (panel.hidden) {
      void this.#stopPicture?.then((stop) => stop());
      this.#stopPicture = undefined;
    } else if (this.#client) {
      const client = this.#client;
      this.#stopPicture = import("./cluster-view/cluster-view.ts").then(({ ClusterView }) => {
        const view = new ClusterView(panel, (command) => this.run(command));
        return client.watchPicture((picture) => view.render(picture));
      });
    }
  }

  /** Opens or closes a panel from its toggle button and returns the panel. */
  #togglePanel(toggle: HTMLButtonElement, selector: string): HTMLElement {
    const panel = this.querySelector<HTMLElement>(selector)!;
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    panel.hidden = !open;
    // The terminal's panel changed size.
    requestAnimationFrame(() => this.#session?.fit());
    return panel;
  }
}

if (!customElements.get("k8s-sandbox")) customElements.define("k8s-sandbox", K8sSandbox);
