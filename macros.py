"""mkdocs-macros wiring: expose the page parts of boras_plan as macros.

No logic here: the parts live in boras_plan/parts.py and are bound to the build's
context (made once by the boras-plan plugin) in boras_plan/page_macros.py, the same
path an engine without mkdocs-macros takes.
"""

from boras_plan.build_context import current
from boras_plan.page_macros import macros, page_source


def define_env(env):
    for name, macro in macros(current, lambda: page_source(env.page)).items():
        env.macro(macro, name)
