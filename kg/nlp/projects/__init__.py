"""Named projects (works, plants, parks, production lines, power stations, roads, markets) as
``doc.spans["projects"]``.

No statistical model knows this type, so names are read with lexicons (``lexicons/project_*.txt``), one
concern a module:

* ``boundaries``: a **head** (项目, 工程, 基地, 产业园, 电站, 生产线…) or a **phase** (…西区三期) ends a name;
  where its left edge lies;
* ``lists``: **enumerations** share one head (A、B、C等项目, …分别是：A、B和C, A村、B村整体搬迁项目);
* ``generic``: **generic phrases** (重点工程项目, 39个重点项目, 该项目) keep nothing specific once generic
  words, numbers, heads, places and organisations are left out;
* ``not_projects``: names that end in a head but are titles, page furniture, hosting zones, parts of a
  project, or bodies visited (…中学, …医院, with ``kg.nlp.institutions``);
* ``short_forms``: a short form (青禾项目) gets the full name as canonical name;
* ``component``: the kg_projects component that puts them together.

Places and organisations found by the earlier components only help to judge whether a name is generic.
"""

from kg.nlp.projects.component import ProjectRecognizer  # noqa: F401  (registers kg_projects)
from kg.nlp.projects.text import LEXICONS  # noqa: F401  (read by relations that share project lexicons)
