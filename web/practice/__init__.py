"""Practice: the runner in the learner's interpreter (runner, sandbox, plain), the grader in the page's."""
