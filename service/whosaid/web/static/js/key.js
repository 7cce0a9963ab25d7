// The dialog that asks for the API key when the service answers 401: a service
// deployed for a school or a newsroom should have a key, and the page must work
// there without the key being written into the page or its address.

/** Asks for the key in a modal dialog; `ask()` resolves to the key, or null. */
export class KeyDialog {
  constructor(dialog) {
    this.dialog = dialog;
    this.form = dialog.querySelector("form");
    this.input = dialog.querySelector("input");
    this.message = dialog.querySelector(".key-message");
    this.cancel = dialog.querySelector(".key-cancel");
  }

  /** Show the dialog with `message`; the key typed, or null if cancelled. */
  ask(message) {
    this.message.textContent = message;
    this.input.value = "";
    this.dialog.showModal();
    this.input.focus();
    return new Promise((resolve) => {
      const finish = (key) => {
        this.form.removeEventListener("submit", onSubmit);
        this.dialog.removeEventListener("cancel", onCancel);
        this.cancel.removeEventListener("click", onCancel);
        // Not left in the page once read.
        this.input.value = "";
        this.dialog.close();
        resolve(key);
      };
      const onSubmit = (event) => {
        event.preventDefault();
        const key = this.input.value.trim();
        if (!key) {
          this.message.textContent = "Type or paste the key first.";
          this.input.focus();
          return;
        }
        finish(key);
      };
      const onCancel = (event) => {
        event.preventDefault();
        finish(null);
      };
      this.form.addEventListener("submit", onSubmit);
      this.dialog.addEventListener("cancel", onCancel);
      this.cancel.addEventListener("click", onCancel);
    });
  }
}
