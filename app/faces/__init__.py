"""Face recognition for the door greeter and enrolment at the till (issue 10). No Qt.

* ``pipeline`` — the greeter's frames-in, greetings-out engine (its docstring is the API);
* ``detect``, ``tracking``, ``encoder`` (a worker process), ``index`` (1:N float32 L2
  search), ``decision`` (agreement and margin rule) — its stages;
* ``quality`` — checks on an enrolment frame, with a coded reason when refused;
* ``templates`` — consent, enrolment, withdrawal, expiry: the only writers of face data;
* ``photos`` — encodings from still photos; ``enrol_folder`` enrols the demo's members;
* ``dlib_models`` — dlib's 5-point and ResNet models; the 68-point model is never loaded.

Importing this package imports nothing heavy; dlib loads when a model is first needed.
"""
