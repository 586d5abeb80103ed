import "server-only";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { BOARD_NUMBER } from "./board-schema";

// The boards as the administration pages show them (contracts §10), OCAS administrators only: never the SIS secret.

export const BOARD_SELECT = {
  id: true,
  number: true,
  nameEn: true,
  nameFr: true,
  language: true,
  autoTrmsEnabled: true,
  escalationEmail: true,
  active: true,
  updatedAt: true,
  _count: { select: { schools: true } },
} as const;

export type AdminBoard = {
  id: string;
  number: string;
  nameEn: string;
  nameFr: string;
  language: string;
  autoTrmsEnabled: boolean;
  escalationEmail: string | null;
  active: boolean;
  updatedAt: Date;
  _count: { schools: number };
};

/** Every board, by number; null for anyone but an OCAS administrator. */
export async function listBoards(options: { actor: Pick<Actor, "role"> }): Promise<AdminBoard[] | null> {
  if (!isOcasAdmin(options.actor)) return null;
  return db.board.findMany({ select: BOARD_SELECT, orderBy: { number: "asc" } });
}

/** One board by its number; null when unknown, or for anyone but an OCAS administrator. */
export async function getBoard(options: { actor: Pick<Actor, "role">; number: string }): Promise<AdminBoard | null> {
  if (!isOcasAdmin(options.actor)) return null;
  const number = options.number.trim();
  if (!BOARD_NUMBER.test(number)) return null;
  return db.board.findUnique({ where: { number }, select: BOARD_SELECT });
}
