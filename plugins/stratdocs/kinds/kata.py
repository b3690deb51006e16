from ..render import kata
from . import Kind

KIND = Kind(
    "kata", "Improvement kata",
    "Toyota Improvement Kata: challenge, current and target condition, obstacles, experiments, learner and coach.",
    kata.render,
)
