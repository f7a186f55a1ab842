import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { Claims, RequireRole, type ServiceClaims } from '@guildhall/platform';
import { rolesOfCategory } from '../domain/catalog';
import { unsafeRoleReason } from '../domain/role-safety';
import { loadCatalog } from '../projections/catalog.projection';
import { loadGuild } from '../projections/guilds.projection';
import { CatalogRoleBodyDto, CatalogRoleDto, CategoryDto } from './catalog.dto';
import { ROLES_RUNTIME, RolesRuntime, RolesService } from './roles.service';

@Controller('guilds/:guildId/catalog')
export class CatalogController {
  constructor(
    private readonly roles: RolesService,
    @Inject(ROLES_RUNTIME) private readonly rt: RolesRuntime,
  ) {}

  /** Any member of the guild: the categories with their roles, and whether each can be handed out now. */
  @Get()
  async catalog(@Param('guildId') guildId: string) {
    const s = this.rt.ctx.schema;
    const [catalog, guild] = await Promise.all([
      loadCatalog(this.rt.pool, s, guildId),
      loadGuild(this.rt.pool, s, guildId),
    ]);
    return {
      categories: [...catalog.categories.values()].map((c) => ({
        ...c,
        roles: rolesOfCategory(catalog, c.id).map((r) => {
          const unavailable = unsafeRoleReason(guild.model, r.roleId);
          return {
            ...r,
            available: unavailable === undefined,
            ...(unavailable ? { unavailableReason: unavailable } : {}),
          };
        }),
      })),
    };
  }

  @Post('categories')
  @RequireRole('moderator')
  createCategory(
    @Param('guildId') guildId: string,
    @Body() dto: CategoryDto,
    @Claims() claims: ServiceClaims,
  ) {
    return this.roles.createCategory(guildId, dto, claims.sub);
  }

  @Put('categories/:categoryId')
  @RequireRole('moderator')
  updateCategory(
    @Param('guildId') guildId: string,
    @Param('categoryId') categoryId: string,
    @Body() dto: CategoryDto,
    @Claims() claims: ServiceClaims,
  ) {
    return this.roles.updateCategory(guildId, categoryId, dto, claims.sub);
  }

  /** Removes the category and its roles from the catalog; members keep the roles they have. */
  @Delete('categories/:categoryId')
  @RequireRole('moderator')
  @HttpCode(204)
  async deleteCategory(
    @Param('guildId') guildId: string,
    @Param('categoryId') categoryId: string,
    @Claims() claims: ServiceClaims,
  ): Promise<void> {
    await this.roles.deleteCategory(guildId, categoryId, claims.sub);
  }

  @Post('roles')
  @RequireRole('moderator')
  addRole(@Param('guildId') guildId: string, @Body() dto: CatalogRoleDto, @Claims() claims: ServiceClaims) {
    return this.roles.saveRole(guildId, dto, 'create', claims.sub);
  }

  @Put('roles/:roleId')
  @RequireRole('moderator')
  updateRole(
    @Param('guildId') guildId: string,
    @Param('roleId') roleId: string,
    @Body() dto: CatalogRoleBodyDto,
    @Claims() claims: ServiceClaims,
  ) {
    return this.roles.saveRole(guildId, { ...dto, roleId }, 'update', claims.sub);
  }

  @Delete('roles/:roleId')
  @RequireRole('moderator')
  @HttpCode(204)
  async deleteRole(
    @Param('guildId') guildId: string,
    @Param('roleId') roleId: string,
    @Claims() claims: ServiceClaims,
  ): Promise<void> {
    await this.roles.deleteRole(guildId, roleId, claims.sub);
  }
}
