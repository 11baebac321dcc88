/* global db, print -- mongosh's shell globals: this file runs inside mongosh, not Node */
// Run by the mongo image once, when its data volume is empty (/docker-entrypoint-initdb.d), as the root user
// of MONGO_INITDB_ROOT_*: creates the application's own user, allowed to read and write its database and
// nothing else. The root user stays for administration (backups can use either).
const database = process.env.MONGO_APP_DB || 'acai'
const user = process.env.MONGO_APP_USERNAME || 'acai'
const password = process.env.MONGO_APP_PASSWORD
if (!password) throw new Error('MONGO_APP_PASSWORD is not set: the application user cannot be created')
db.getSiblingDB(database).createUser({ user, pwd: password, roles: [{ role: 'readWrite', db: database }] })
print(`created user '${user}' with readWrite on '${database}'`)
