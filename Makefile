# Every target calls an npm script, so make is a convenience, never a requirement (DESIGN.md 10).
# Targets that run compiled code (run, migrate-*) build first, so they never run a stale dist/.
.DEFAULT_GOAL := help
.PHONY: help build run dev test typecheck lint lint-openapi openapi bench migrate-up migrate-down migrate-status

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN { FS = ":.*## " } { printf "  %-15s %s\n", $$1, $$2 }'

build: ## compile the TypeScript into dist/
	npm run build

run: build ## serve the API (configuration from the environment; see .env.example)
	npm start

dev: ## serve the API from the TypeScript sources, restarting on changes
	npm run dev

test: ## run the whole test suite with the coverage gate
	npm test

typecheck: ## type-check everything, tests included
	npm run typecheck

lint: ## lint with neostandard
	npm run lint

lint-openapi: ## lint docs/openapi.json with Redocly's recommended rules (offline)
	npm run lint:openapi

openapi: ## regenerate docs/openapi.json and the typed client's types from the app
	npm run openapi

bench: ## run the micro-benchmarks
	npm run bench

migrate-up: build ## apply every pending migration
	npm run migrate -- up

migrate-down: build ## revert the last applied migration
	npm run migrate -- down

migrate-status: build ## list applied and pending migrations and the indexes of each collection
	npm run migrate -- status
