# Every target calls an npm script, so make is a convenience, never a requirement (DESIGN.md 10).
# Targets that run compiled code (run, migrate-*, backup, restore) build first, so they never run a stale dist/.
.DEFAULT_GOAL := help
.PHONY: help build run dev up down test test-all test-unit test-integration test-e2e test-performance \
	typecheck lint lint-openapi openapi audit bench load soak smoke migrate-up migrate-down migrate-status backup restore

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN { FS = ":.*## " } { printf "  %-17s %s\n", $$1, $$2 }'

build: ## compile the TypeScript into dist/
	npm run build

run: build ## serve the API (configuration from the environment; see .env.example)
	npm start

dev: ## serve the API from the TypeScript sources, restarting on changes
	npm run dev

up: ## start the Docker Compose stack (app, MongoDB, Redis, tracing, Prometheus, Grafana) and wait until healthy
	npm run up

down: ## stop the Docker Compose stack (volumes are kept)
	npm run down

test: ## run the whole test suite with the coverage gate
	npm test

test-all: ## the whole suite with the coverage gate (same as test)
	npm run test:all

test-unit: ## lib/ and plugin tests, no coverage gate (quick feedback)
	npm run test:unit

test-integration: ## routes through the app, the MongoDB conformance suite, the app as a whole
	npm run test:integration

test-e2e: ## whole flows over real ports and processes (shutdown, OTLP export, Swagger UI, smoke)
	npm run test:e2e

test-performance: ## the benchmarks, each failing when it misses its target
	npm run test:performance

typecheck: ## type-check everything, tests included
	npm run typecheck

lint: ## lint with neostandard
	npm run lint

lint-openapi: ## lint docs/openapi.json with Redocly's recommended rules (offline)
	npm run lint:openapi

openapi: ## regenerate docs/openapi.json and the typed client's types from the app
	npm run openapi

audit: ## security scan: no high-severity advisories in production dependencies, every registry signature verified
	npm run audit

bench: ## run the micro-benchmarks
	npm run bench

load: ## load test GET /health at BASE_URL: 50 req/s for 30 s, fails below 99% success or above 100 ms p99
	npm run load:health

smoke: ## check a running server at BASE_URL with API_KEY, one line per check
	npm run smoke

migrate-up: build ## apply every pending migration
	npm run migrate -- up

migrate-down: build ## revert the last applied migration
	npm run migrate -- down

migrate-status: build ## list applied and pending migrations and the indexes of each collection
	npm run migrate -- status

backup: build ## dump the database to backups/backup-YYYYMMDD-HHMMSS/<db>/ (mongodump layout, manifest)
	npm run backup

restore: build ## replace the backed-up collections with BACKUP_PATH=backups/backup-…/acai, verified
	@test -n "$(BACKUP_PATH)" || { echo 'usage: make restore BACKUP_PATH=backups/backup-YYYYMMDD-HHMMSS/acai'; exit 2; }
	npm run restore -- '$(BACKUP_PATH)' --drop
