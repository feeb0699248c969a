// The page's two steps, the form and "Check your answers", under one h1 whose words change. The
// check is a step of its own for the browser's Back button, as it would be on a separate page.

export interface StepElements {
  formStep: HTMLElement;
  checkStep: HTMLElement;
  /** The h1; its data-check-title holds the check step's heading. */
  heading: HTMLElement;
  /** Where the answer rows go. */
  answers: HTMLElement;
  /** The two error summaries: the form's and the one over the Send button. */
  summaryRoot: HTMLElement;
  checkErrorRoot: HTMLElement;
}

export interface Steps {
  showForm(hasErrors: boolean): void;
  showCheck(answerRowsHtml: string): void;
  readonly checking: boolean;
}

/** `pageTitle` is the form's title without "Error: "; `checkTitle` starts the check step's title. */
export function createSteps(elements: StepElements, pageTitle: string, checkTitle: string): Steps {
  const { formStep, checkStep, heading, answers, summaryRoot, checkErrorRoot } = elements;
  const formHeading = heading.textContent ?? '';
  return {
    get checking() {
      return !checkStep.hidden;
    },
    showForm(hasErrors) {
      checkStep.hidden = true;
      formStep.hidden = false;
      heading.textContent = formHeading;
      document.title = hasErrors ? `Error: ${pageTitle}` : pageTitle;
    },
    showCheck(answerRowsHtml) {
      answers.innerHTML = answerRowsHtml;
      checkErrorRoot.innerHTML = '';
      summaryRoot.innerHTML = '';
      formStep.hidden = true;
      checkStep.hidden = false;
      heading.textContent = heading.dataset.checkTitle ?? '';
      document.title = `${checkTitle} – ${pageTitle}`;
      if ((history.state as { step?: string } | null)?.step !== 'check') history.pushState({ step: 'check' }, '');
      heading.focus();
      window.scrollTo(0, 0);
    },
  };
}
