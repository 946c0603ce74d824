"""The Borås plan as data: read data/plan.yaml into one validated, typed model."""

from .errors import PlanError, Problem
from .loader import load_plan
from .model import Action, Plan, Recommendation, Role

__all__ = ["Action", "Plan", "PlanError", "Problem", "Recommendation", "Role", "load_plan"]
