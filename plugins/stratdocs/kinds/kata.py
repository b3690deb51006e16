"""The improvement kata kind: its record."""

from . import Kind

# What `stratdocs new kata` writes ($id, $title, $today and $in_two_weeks filled in).
TEMPLATE = """\
---
# Improvement kata storyboard (Toyota). Four steps:
#   1. Understand the direction or challenge: the vision from leadership.
#   2. Grasp the current condition: facts and data on where you are today.
#   3. Establish the next target condition: not the final destination, the
#      next specific, measurable, dated outcome that gets you closer.
#   4. Experiment towards it: small build-measure-learn steps, each with what
#      you expect written down BEFORE the step runs.
# The learner runs the experiments and reports; the coach does not hand out
# solutions but asks the five coaching questions (see `coaching` below).
kind: kata
id: $id
title: $title
status: draft  # draft | active | paused | done | stopped | superseded
owner: "Who is responsible?"
learner: "Who runs the experiments (often the product manager or delivery lead)?"
coach: "Who asks the coaching questions (often their leader)?"
date: $today
serves: []  # ids of the aim or S&T node this kata serves, e.g. [online-claim-completion]
challenge: "The direction: where leadership wants us to be, in a sentence"
current_condition:
  # Where are we now? Facts, not opinions.
  summary: "What happens today, as observed"
  # metric: metric-id  # the id of a shared metric definition (a metric document)
  value: 0
  unit: "%"
  date: $today
target_condition:
  # The NEXT step on the way, not the final goal: measurable and dated.
  summary: "What will be true when we reach it"
  # metric: metric-id
  value: 0
  unit: "%"
  date: $in_two_weeks
obstacles:
  # What do you think is preventing you from reaching the target condition?
  - obstacle: "The obstacle you are addressing now"
    working_on: true
  - "Another obstacle, for later"
experiments:
  # One row per step. Fill in `expected` before it runs; `actual` and
  # `learned` after. A result with no expectation was judged in hindsight.
  - step: "The smallest step you can take this week"
    date: $in_two_weeks
    expected: "What you expect to happen, with a number"
coaching:
  # This kata's answers to the five coaching questions.
  target_condition: "1. What is the target condition?"
  actual_condition: "2. What is the actual condition now?"
  obstacles: "3. What obstacles are preventing you from reaching it? Which one are you addressing now?"
  next_step: "4. What is your next step?"
  expected: "4. ... and what do you expect?"
  go_and_see: "5. When can we go and see what we have learned from taking that step?"
---

What we have learned so far, and what surprised us.
"""

KIND = Kind(
    "kata", "Improvement kata",
    "Toyota Improvement Kata: challenge, current and target condition, obstacles, experiments, learner and coach.",
    style="fill:#f3e5f5,stroke:#6a1b9a",
    template=TEMPLATE,
)
