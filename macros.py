"""mkdocs-macros wiring: expose the page parts of boras_plan as macros.

No logic here: the parts live in boras_plan/parts.py; the plan and the page's
links come from the package (render.macro_site), found through the build's
config, which MkDocs gives as an object and Zensical's macros as a dict.
"""

import functools

from boras_plan import render
from boras_plan.parts import PARTS


def define_env(env):
    def bind(part):
        @functools.wraps(part)
        def macro(*args, **kwargs):
            site = render.macro_site(env.conf)  # at call time: the plan of this build, loaded once
            return part(site.plan, site.links(render.page_source(env.page)), *args, **kwargs)

        return macro

    for name, part in PARTS.items():
        env.macro(bind(part), name)
