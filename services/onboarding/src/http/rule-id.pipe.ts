import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { RULE_ID } from '@guildhall/contracts';

@Injectable()
export class RuleIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!RULE_ID.test(value)) throw new BadRequestException('ruleId must be a rule slug (a-z, 0-9, -)');
    return value;
  }
}
